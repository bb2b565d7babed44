"""What the CLI's commands do: they read and write files and state, and call the outputs."""
