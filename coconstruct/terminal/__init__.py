"""What only a terminal does: the one console, the prompts of the live interview (questionary),
tables sized to the terminal, and `show` for the projector.

May import every part below the command line except `cli` and `serve`."""
