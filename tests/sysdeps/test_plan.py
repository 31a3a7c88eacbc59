"""Missing packages are found by soname, by the package manager, or by ensurepip."""

from __future__ import annotations

from deskbreath.sysdeps import catalogue
from deskbreath.sysdeps.distro import Distro, Family
from deskbreath.sysdeps.plan import find_missing
from deskbreath.sysdeps.probe import loader_libraries
from tests.sysdeps.fakes import FakeMachine

DEBIAN = Distro("Debian GNU/Linux 12 (bookworm)", Family.DEBIAN)
FEDORA = Distro("Fedora Linux 41", Family.FEDORA)
ALL_QT = {p.soname for p in catalogue.QT_RUNTIME if p.soname}


def _qt_without(*sonames: str) -> set[str]:
    return ALL_QT - set(sonames)


def test_missing_libraries_are_named_by_the_debian_package() -> None:
    """With two xcb helpers missing, exactly their packages are reported, in catalogue order."""
    machine = FakeMachine(libraries=_qt_without("libxcb-keysyms.so.1", "libxcb-icccm.so.4"))

    findings = find_missing(catalogue.QT_RUNTIME, DEBIAN, machine)

    assert findings.names() == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert findings.unchecked == ()


def test_on_fedora_the_same_gap_gets_fedora_names() -> None:
    """The soname check is the same everywhere; the names are the family's."""
    machine = FakeMachine(libraries=_qt_without("libxcb-keysyms.so.1", "libxcb-icccm.so.4",
                                                "libxcb-shape.so.0", "libxcb-xkb.so.1"))

    findings = find_missing(catalogue.QT_RUNTIME, FEDORA, machine)

    assert findings.names() == ["xcb-util-wm", "xcb-util-keysyms", "libxcb"]


def test_a_32_bit_copy_does_not_count_for_a_64_bit_python() -> None:
    """Only libraries with this machine's ABI tag in ldconfig's cache are loadable."""
    output = ("\tlibxcb.so.1 (libc6) => /lib/i386-linux-gnu/libxcb.so.1\n"
              "\tlibX11.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libX11.so.6\n"
              "\tlibGL.so.1 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/libGL.so.1\n"
              "\tlibz.so.1 (libc6,AArch64) => /lib/aarch64-linux-gnu/libz.so.1\n")

    assert loader_libraries(output, "x86_64") == {"libX11.so.6", "libGL.so.1"}
    assert loader_libraries(output, "aarch64") == {"libz.so.1"}


def test_python3_venv_is_needed_on_debian_without_ensurepip() -> None:
    """Debian's python3 has no ensurepip until python3-venv is installed."""
    machine = FakeMachine(libraries=ALL_QT, ensurepip=False)

    debian = find_missing([catalogue.PYTHON_VENV], DEBIAN, machine)
    fedora = find_missing([catalogue.PYTHON_VENV], FEDORA, machine)

    assert debian.names() == ["python3-venv"]
    assert fedora.missing == ()


def test_programs_are_asked_of_the_package_manager() -> None:
    """Tools without a soname are checked with dpkg-query (Debian) or rpm (Fedora)."""
    tools = catalogue.lookup(["xvfb", "x11-utils"])
    debian = FakeMachine(packages={"x11-utils"})
    fedora = FakeMachine(packages={"xorg-x11-server-Xvfb", "xwininfo"})  # xprop missing

    on_debian = find_missing(tools, DEBIAN, debian)
    on_fedora = find_missing(tools, FEDORA, fedora)

    assert on_debian.names() == ["xvfb"]
    assert debian.calls[-1][0] == "dpkg-query"
    assert on_fedora.names() == ["xwininfo", "xprop"]
    assert fedora.calls[-1][0] == "rpm"


def test_what_cannot_be_checked_is_said() -> None:
    """A package without a known name in the family, or with no package manager, is unchecked."""
    tools = catalogue.lookup(["trayer", "some-new-tool"])

    findings = find_missing(tools, FEDORA, FakeMachine())
    unknown = find_missing(catalogue.lookup(["xvfb"]),
                           Distro("NixOS", Family.UNKNOWN), FakeMachine())

    assert [p.debian for p in findings.unchecked] == ["trayer", "some-new-tool"]
    assert findings.missing == ()
    assert [p.debian for p in unknown.unchecked] == ["xvfb"]


def test_without_ldconfig_libraries_are_asked_of_the_package_manager() -> None:
    """Where the loader cache cannot be read, dpkg-query decides for libraries too."""
    machine = FakeMachine(packages={"libxcb1"}, tools={"dpkg-query"})

    findings = find_missing(catalogue.lookup(["libxcb1", "libxcb-icccm4"]), DEBIAN, machine)

    assert findings.names() == ["libxcb-icccm4"]


def test_unknown_names_in_a_list_are_kept_as_debian_packages() -> None:
    """A list entry the catalogue does not know is still looked up, once."""
    packages = catalogue.lookup(["xvfb", "brand-new-tool", "xvfb"])

    assert [p.debian for p in packages] == ["xvfb", "brand-new-tool"]
    assert packages[1].name_in(Family.FEDORA) == ()
    assert packages[1].name_in(Family.DEBIAN) == ("brand-new-tool",)


def test_package_list_reads_names_and_skips_comments() -> None:
    """One name a line; comments and blank lines are ignored."""
    text = "# header\nxvfb\n\n  trayer  # the tray host\n"

    assert catalogue.read_package_list(text) == ["xvfb", "trayer"]
