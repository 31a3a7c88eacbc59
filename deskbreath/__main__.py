"""``python -m deskbreath``: the same as the ``deskbreath`` command."""

import sys

from deskbreath.cli import main

sys.exit(main())
