"""The web UI (`shipcard ui`): a Gradio app that only calls into `assistant`. Needs the `ui` extra."""
