"""The settings: a model that declares each setting once, and what is derived from it.

The value types, the schema derived from them (validation, default file), migrations and line
lookup.
"""
