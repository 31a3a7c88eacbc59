"""The settings model, its schema as data, value converters, migrations and line lookup."""
