"""Qt-free file I/O: atomic writes, the settings file and the history store."""
