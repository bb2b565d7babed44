"""Reading a project folder: YAML with places, form exports, the load cache, validation into the model."""
