"""Text for the Joplin families: AndroidWorld's parameter values (titles, notebooks, quantities, ingredients) and
our own note bodies and noise notes."""

from __future__ import annotations

FOLDERS = ("Recipes", "Tasks", "Meeting Notes", "Personal", "Work", "School", "Home", "Projects", "Ideas", "Health",
           "Travel", "Finance")
TODO_FOLDERS = ("Personal", "Work", "School", "Home", "Projects", "Ideas", "Recipes", "Finance", "Health", "Travel")
"""The notebooks AndroidWorld's NotesIsTodo and NotesTodoItemCount ask about."""

TOPIC_TITLES = ("Grocery List", "Meeting Agenda", "Project Proposal", "Daily Journal", "To-Do List", "Research Notes",
                "Travel Itinerary", "Recipe Collection", "Budget Spreadsheet", "Training Manual")
TODO_TITLES = ("Grocery List", "Meeting Agenda", "Personal Goals", "Work Tasks", "Home Improvement", "Study Notes",
               "Recipe Ideas", "Financial Plan", "Health Routine", "Travel Itinerary")
SHORT_BODIES = ("Pick up oat milk, apples and rice on the way home.",
                "Go over the open questions before the call with the client.",
                "Ring the plumber about the dripping kitchen tap.",
                "Draft the summary section and send it round for comments.",
                "Collect the parcel from the locker at the station.",
                "Reread the chapter on the industrial revolution.",
                "Compare prices for the train and the coach.",
                "Try the new stretching routine three mornings a week.",
                "Book the car in for its yearly service.",
                "Write a card for the neighbours who watered the plants.")

MEETING_TITLES = ("Team Weekly Sync", "Client Quarterly Review", "Project Kickoff Meeting", "Budget Planning Session",
                  "Sales Strategy Discussion", "Product Roadmap Alignment", "Marketing Campaign Planning",
                  "Development Sprint Review", "Customer Feedback Session", "Executive Board Meeting",
                  "Financial Performance Analysis", "Product Launch Preparation", "Training Workshop for New Hires",
                  "Vendor Negotiation Meeting", "Strategic Partnership Discussion", "Departmental Alignment Meeting",
                  "Quality Assurance Review", "Project Status Update", "Employee Performance Evaluation",
                  "Company All-Hands Meeting")
MEETING_BODIES = ("Agenda:\n- Walked through the open milestones\n- Agreed owners for each action item\n"
                  "- Headcount: {count} participants joined\n",
                  "Minutes:\n- Went over last period's figures\n- Collected ideas for the next campaign\n"
                  "- {count} attendees were in the room\n",
                  "Recap:\n- Read out the customer comments\n- Listed the features to improve\n"
                  "- Attendance: {count} people\n",
                  "Summary:\n- Checked progress against the goals\n- Noted where the team needs help\n"
                  "- {count} colleagues took part\n")
"""Each mentions exactly one number: the attendee count."""

RECIPE_TITLES = ("Pancake Recipe", "Spaghetti Carbonara", "Chocolate Cake", "Chicken Alfredo", "Vegetable Stir-fry",
                 "Beef Stew", "Lasagna", "Salmon Salad", "Tacos", "Fruit Smoothie")
QUANTITIES = ("1 cup", "2 cups", "1/2 cup", "3/4 cup", "1/4 cup", "1 tablespoon", "2 tablespoons", "1 teaspoon",
              "2 teaspoons", "3 teaspoons")
INGREDIENTS = ("almond flour", "coconut sugar", "chia seeds", "tahini", "matcha powder", "acai berries",
               "goji berries", "spirulina", "maca powder", "hemp seeds", "arrowroot powder", "quinoa flakes",
               "buckwheat groats", "millet")
RECIPE_BODIES = ("Ingredients:\n- 1 cup plain flour\n- {item}\n- 2 eggs\n- 1 teaspoon baking soda\n- 1 pinch salt\n\n"
                 "Method:\n1. Whisk the dry ingredients together.\n2. Beat in the eggs.\n"
                 "3. Cook in a hot pan for 2 minutes a side.\n",
                 "Ingredients:\n- {item}\n- 2 cups stock\n- 1 onion, chopped\n- 2 tablespoons olive oil\n\n"
                 "Method:\n1. Soften the onion in the oil.\n2. Add the rest and simmer for 20 minutes.\n"
                 "3. Season and serve hot.\n",
                 "Ingredients:\n- 3/4 cup rolled oats\n- 1 banana\n- 1 cup yoghurt\n- {item}\n\n"
                 "Method:\n1. Put everything in the blender.\n2. Blend until smooth, about 1 minute.\n")
"""`{item}` is the asked "<amount> <unit> <ingredient>" line."""

NOISE: dict[str, tuple[tuple[str, str], ...]] = {
    "Recipes": (("Lentil Soup", "Red lentils, carrots, cumin; simmer 25 minutes."),
                ("Banana Bread", "3 ripe bananas, 2 cups flour, 1/2 cup butter. Bake 60 minutes."),
                ("Weeknight Curry", "Chickpeas, spinach, coconut milk and curry paste."),
                ("Overnight Oats", "Oats, milk and berries in a jar; leave in the fridge.")),
    "Tasks": (("Renew passport", "Photos, old passport and the form from the post office."),
              ("Return library books", "Due on Friday."),
              ("Call the bank", "Ask about the new card."),
              ("Water the plants", "The fern needs it twice a week.")),
    "Meeting Notes": (("Design Review Notes", "Went over the mock-ups; colours to be revisited."),
                      ("One-on-one with Sam", "Career goals, training budget, holidays."),
                      ("Hiring Panel Debrief", "Two strong candidates; second interviews next week."),
                      ("Office Move Planning", "Movers booked; desks labelled by team.")),
    "Personal": (("Birthday Gift Ideas", "A book on birds, a pottery class, concert tickets."),
                 ("Books to Read", "The Overstory, Piranesi, Klara and the Sun."),
                 ("Things I'm Grateful For", "Sunny walks, good friends, a quiet morning."),
                 ("Weekend Plans", "Farmers market on Saturday, hike on Sunday.")),
    "Work": (("Quarterly Goals", "Ship the billing rewrite; cut support tickets by a fifth."),
             ("Interview Questions", "Tell me about a project you are proud of."),
             ("Release Checklist", "Changelog, version bump, smoke tests, announcement."),
             ("Team Offsite Ideas", "Cooking class, escape room, a walk by the lake.")),
    "School": (("History Essay Outline", "Causes, key events, consequences, conclusion."),
               ("Chemistry Formulas", "Ideal gas law, molarity, reaction rates."),
               ("Reading Log", "Chapters 4 to 6 of the set novel."),
               ("Exam Timetable", "Maths on Monday, biology on Wednesday.")),
    "Home": (("Cleaning Rota", "Kitchen on Monday, bathroom on Thursday."),
             ("Garden Plans", "Tomatoes by the fence, herbs in pots."),
             ("Paint Colours", "Hallway in sage green, bedroom in warm white."),
             ("Appliance Manuals", "The washing machine code E21 means a blocked filter.")),
    "Projects": (("Website Redesign", "New navigation, faster pages, dark mode."),
                 ("Podcast Launch", "Record three episodes before announcing."),
                 ("Photo Book", "Pick forty photos from the summer trip."),
                 ("Bookshelf Build", "Oak boards, brackets, wall plugs.")),
    "Ideas": (("App Idea: Plant Tracker", "Reminders to water, photos of growth."),
              ("Short Story Premise", "A lighthouse keeper who collects lost letters."),
              ("Side Business", "Handmade candles sold at the weekend market."),
              ("Blog Topics", "Budget travel, slow cooking, cycling to work.")),
    "Health": (("Workout Plan", "Run on Tuesday, swim on Thursday, yoga on Sunday."),
               ("Meal Prep", "Rice, roasted vegetables and beans for the week."),
               ("Sleep Habits", "No screens after ten; lights out by eleven."),
               ("Doctor Questions", "Ask about the knee and the allergy tablets.")),
    "Travel": (("Packing List", "Passport, chargers, walking shoes, rain jacket."),
               ("Lisbon Trip", "Trams, custard tarts, the castle at sunset."),
               ("Road Trip Stops", "Lake view camp site, the old mill, the coast road."),
               ("Travel Insurance", "Policy number in the email from March.")),
    "Finance": (("Monthly Budget", "Rent, groceries, transport, savings."),
                ("Tax Documents", "Payslips, donation receipts, pension statement."),
                ("Savings Goals", "Emergency fund first, then a new bike."),
                ("Subscriptions", "Music, cloud storage, the newspaper.")),
}
