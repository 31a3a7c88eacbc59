"""``python3 -m deskbreath.sysdeps``: see :mod:`deskbreath.sysdeps.setup`."""

import sys

from deskbreath.sysdeps.setup import main

sys.exit(main())
