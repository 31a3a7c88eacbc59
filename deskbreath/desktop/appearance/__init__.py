"""The desktop's light or dark preference: the XDG appearance portal and Qt's colour scheme."""
