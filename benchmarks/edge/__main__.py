"""The child process of `shipcard bench run`: measure one configuration (JSON in argv[1])."""

from .stages import main

main()
