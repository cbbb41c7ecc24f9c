"""Values for the OpenTracks families: AndroidWorld's parameter values (categories, durations, distances, start
times; dates as offsets from its pinned day) and our own names and descriptions for seeded and noise tracks."""

from __future__ import annotations

CATEGORIES = ("running", "cycling", "swimming", "hiking", "mountain biking", "kayaking", "skiing", "snow boarding",
              "skate boarding", "climbing", "inline skating", "sailing")
DURATIONS = (15, 30, 45, 60, 90, 120, 40, 50, 75, 80, 20, 105, 135, 150, 165, 180, 210, 240, 270)
"""Minutes."""
DISTANCES = (100, 300, 500, 800, 1000, 1200, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 6000, 7000, 8000, 9000,
             10000, 12000)
"""Metres."""
START_TIMES = ((8, 0), (10, 30), (17, 0), (6, 30), (9, 45), (14, 15), (7, 0), (11, 0), (16, 0), (13, 30), (17, 45),
               (6, 15), (7, 30), (15, 45), (10, 15), (14, 45), (8, 45), (9, 15), (12, 0), (17, 30))
ELEVATIONS = (50, 100, 250, 150, 75, 300, 200, 400, 350, 450, 550, 600, 800, 700, 900, 1000, 650, 1100, 1200, 850)

# AndroidWorld's dates, as days before its pinned day (October 15).
ON_DATE_DAYS_AGO = tuple(range(3, 22))
DURATION_DAYS_AGO = tuple(range(0, 11))
INTERVAL_START_DAYS_AGO = tuple(range(6, 15))
INTERVAL_END_DAYS_AGO = tuple(range(0, 6))

NAMES = ("Felt slow today", "Before work", "Legs still sore", "Around the reservoir", "With the club",
         "Short one", "Easy day", "Rest-day shakeout", "Technique drills", "Steady effort", "Out exploring",
         "Gentle session", "Hard effort", "Quick one at lunch", "Evening outing")
DESCRIPTIONS = ("Good company the whole way.", "Windy on the way back.", "New route, worth repeating.",
                "Kept a steady pace.", "Stopped for coffee halfway.", "Cold start, warm finish.",
                "Tried the new shoes.", "Rain for the last part.", "Felt strong at the end.", "Took it easy.")

NOISE_NAMES: dict[str, tuple[str, ...]] = {
    "running": ("Park loop", "Tempo run", "Interval session"),
    "trail running": ("Forest trail", "Ridge run", "Muddy trail"),
    "cycling": ("Ride to the coast", "Gravel loop", "Commute home"),
    "road biking": ("Club ride", "Hill repeats", "Long road loop"),
    "mountain biking": ("Singletrack", "Bike park laps", "Downhill runs"),
    "walking": ("Walk with the dog", "Stroll in town", "Errands on foot"),
    "hiking": ("Summit hike", "Valley trail", "Lakeside hike"),
    "swimming": ("Pool laps", "Lake swim", "Sea swim"),
    "rowing": ("River row", "Erg session", "Lake row"),
    "kayaking": ("Bay paddle", "River descent", "Harbour paddle"),
    "skiing": ("Piste day", "Ski touring", "Cross-country loop"),
    "snowboarding": ("Park session", "Powder day", "Groomers"),
    "climbing": ("Bouldering gym", "Crag day", "Top-rope session"),
    "sailing": ("Regatta practice", "Evening sail", "Coastal sail"),
}
"""Noise categories (some contain an asked one, like "trail running"), each with a few track names."""
