"""Chat templates of the catalog's model families, as data.

Read by the llama.cpp engine (when a GGUF carries no template) and by the synthetic-model writers
(which embed it), so neither imports the other.
"""

from __future__ import annotations

# The chat template of HuggingFaceTB/SmolVLM2-*-Instruct (tokenizer_config.json), as the GGUF carries it.
SMOLVLM2 = (
    "<|im_start|>{% for message in messages %}{{message['role'] | capitalize}}"
    "{% if message['content'][0]['type'] == 'image' %}{{':'}}{% else %}{{': '}}{% endif %}"
    "{% for line in message['content'] %}{% if line['type'] == 'text' %}{{line['text']}}"
    "{% elif line['type'] == 'image' %}{{ '<image>' }}{% endif %}{% endfor %}<end_of_utterance>\n"
    "{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}"
)
