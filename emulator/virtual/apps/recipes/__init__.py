"""Recipes (net.droidpilot.recipes), behaving like the Broccoli recipe app AndroidWorld's Recipe tasks use.

Screens:
- `.MainActivity` (launcher): toolbar "Recipes" with "Search" (`action_search`), which turns it into a search
  field `search_src_text` (hint "Search"; "Collapse" leaves, `search_close_btn` "Clear query") filtering as you
  type on title, description, source and ingredients (every word must occur, case-insensitive; title hits
  first); filter chips `chip_all_recipes` "All recipes" / `chip_favorites` "Favourites"; the RecyclerView
  `recycler_view` of cards `card_view` (by title, case-insensitive) with `card_text_view_title`,
  `card_text_view_description`, `card_text_view_source` and a star `card_favorite` for favourites; FAB
  `fab_recipes` "Add recipe"; `recipes_empty` "Create your first recipe and start your collection!" (no recipes)
  or "No recipes found." (nothing matches). Long-press a card for selection mode: taps toggle cards, the bar
  shows "N selected" with `action_mode_close_button` "Done", `action_select_all` "Select all" and
  `action_delete` "Delete" -> "Delete this recipe?" / "Delete N recipes?" (Cancel / Delete).
- `.recipe.crud.CreateAndEditRecipeActivity` (extra `recipe_id` edits; else creates): EditTexts `new_title`
  "Title", `new_description` "Description" (multi-line), `new_servings` "Servings", `new_preparation_time`
  "Preparation time" (free text such as "30 min"), `new_source` "Source", `new_ingredients` "Ingredients" and
  `new_directions` "Directions" (multi-line: one ingredient / step a line; Enter adds a line break), Switch
  `new_favorite` "Favourite"; `button_save_recipe` "Save" (toasts "Please add a title." without a title; fields
  are saved trimmed). Back or the close button "Navigate up" with changes asks "Discard changes?"
  (Cancel / Discard). Shared text/plain (ACTION_SEND) opens it prefilled (a link as source, else first line as
  title and the rest as description).
- `.recipe.details.RecipeDetailsActivity` (extra `recipe_id`): `backdrop` photo placeholder, `details_title`,
  `details_servings`, `details_preparation_time`, `details_description`, `details_source`, "Ingredients" as
  bullets (`details_ingredients` > `ingredient_text`), "Directions" numbered (`details_directions` >
  `direction_number` / `direction_text`); toolbar star `action_details_like` "Add to favourites" /
  `action_details_unlike` "Remove from favourites", `action_details_edit` "Edit", "More options" -> "Share"
  (system share sheet with the recipe as text/plain) / "Delete" -> "Delete this recipe?" (Cancel / Delete).

Database `databases/broccoli` (Broccoli's Room schema; AndroidWorld reads `SELECT * FROM recipes`):
- `recipes(recipeId INTEGER PRIMARY KEY AUTOINCREMENT, title, imageName, description, servings,
  preparationTime, source, ingredients, directions, favorite INTEGER NOT NULL 0/1)`; all text columns are
  TEXT and written as '' when empty (never NULL by this app); `ingredients` and `directions` are the editor's
  text as typed, trimmed (newline-separated lines); `imageName` is always '' (no photos).
- `categories(categoryId, name)` and `recipes_with_categories(recipeId, categoryId)`: kept for schema parity,
  unused by the UI; deleting a recipe deletes its links.

No content provider (Broccoli has none). Seed API on `RecipesApp`: `insert_recipe(title, description="",
servings="", preparation_time="", ingredients="", directions="", favorite=False, source="") -> recipeId`,
`recipes() -> list[dict]` (the columns, `favorite` as bool, in list order), `clear()`.
"""

from droidpilot.emulator.virtual.apps.recipes.app import RecipesApp

__all__ = ["RecipesApp"]
