"""Material-3-like colour roles for the light and dark themes."""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    background: Color
    surface: Color
    surface_variant: Color
    primary: Color
    on_primary: Color
    primary_container: Color
    text: Color
    text_secondary: Color
    outline: Color
    dialog: Color
    scrim: Color
    error: Color
    bar: Color
    bar_icon: Color

    def color(self, role: str) -> Color:
        """A role name (`primary`, `surface_variant`, ...) or a literal `#rrggbb`."""
        if role.startswith("#"):
            return int(role[1:3], 16), int(role[3:5], 16), int(role[5:7], 16)
        return getattr(self, role)


LIGHT = Theme(
    background=(254, 247, 255),
    surface=(255, 255, 255),
    surface_variant=(236, 230, 240),
    primary=(103, 80, 164),
    on_primary=(255, 255, 255),
    primary_container=(234, 221, 255),
    text=(29, 27, 32),
    text_secondary=(73, 69, 79),
    outline=(202, 196, 208),
    dialog=(243, 237, 247),
    scrim=(0, 0, 0),
    error=(179, 38, 30),
    bar=(243, 237, 247),
    bar_icon=(29, 27, 32),
)

DARK = Theme(
    background=(20, 18, 24),
    surface=(33, 31, 38),
    surface_variant=(73, 69, 79),
    primary=(208, 188, 255),
    on_primary=(56, 30, 114),
    primary_container=(79, 55, 139),
    text=(230, 224, 233),
    text_secondary=(202, 196, 208),
    outline=(73, 69, 79),
    dialog=(43, 41, 48),
    scrim=(0, 0, 0),
    error=(242, 184, 181),
    bar=(20, 18, 24),
    bar_icon=(230, 224, 233),
)

# Launcher icon colours, by a name apps pick.
ICON_COLORS: dict[str, Color] = {
    "blue": (26, 115, 232),
    "green": (30, 142, 62),
    "red": (217, 48, 37),
    "orange": (232, 113, 10),
    "purple": (132, 48, 206),
    "teal": (0, 137, 123),
    "grey": (95, 99, 104),
    "indigo": (63, 81, 181),
    "pink": (216, 27, 96),
    "brown": (121, 85, 72),
    "yellow": (249, 171, 0),
}
