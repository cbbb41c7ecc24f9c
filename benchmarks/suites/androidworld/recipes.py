"""Recipe tasks (AndroidWorld's Recipe* families on Broccoli): add recipes, delete them, delete duplicates.

Each task clears the app and seeds its own recipes (noise included); checks read the `recipes` table with
AndroidWorld's addition / removal integrity, free-form fields fuzzy-matched.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import (
    Row,
    inside,
    items_match,
    one_of_each_removed,
    prose_fields_match,
    reveal,
    rows_added,
    rows_removed,
    text_matches,
)
from droidpilot.benchmarks.task import Params, Task

RECIPES = "net.droidpilot.recipes"
POOL = (
    ("Banana Bread", "8", "70 min", "3 ripe bananas, 2 cups flour, 1 cup sugar, 2 eggs, 1 tsp baking soda",
     "Mash the bananas. Mix in the remaining ingredients. Bake at 350F for 60 minutes."),
    ("Chicken Stir-Fry", "4", "25 min", "chicken breast, bell peppers, broccoli, soy sauce, garlic, rice",
     "Slice the chicken and vegetables. Stir-fry the chicken, then add the vegetables and sauce. Serve over rice."),
    ("Vegetable Curry", "4", "40 min", "potatoes, carrots, peas, onion, curry paste, coconut milk",
     "Fry the onion with the curry paste. Add the vegetables and coconut milk. Simmer for 25 minutes."),
    ("Fluffy Pancakes", "4", "20 min", "1 cup flour, 1 cup milk, 1 egg, 2 tbsp sugar, 2 tsp baking powder",
     "Whisk everything into a smooth batter. Cook small rounds on a hot griddle until golden."),
    ("Caprese Salad", "2", "10 min", "tomatoes, fresh mozzarella, basil, olive oil, balsamic vinegar",
     "Slice the tomatoes and mozzarella. Layer with basil and drizzle with oil and vinegar."),
    ("Beef Tacos", "4", "30 min", "ground beef, taco seasoning, tortillas, lettuce, cheddar, salsa",
     "Brown the beef with the seasoning. Fill the tortillas and top with lettuce, cheese and salsa."),
    ("Mushroom Risotto", "4", "45 min", "arborio rice, mushrooms, onion, vegetable stock, parmesan, butter",
     "Saute the onion and mushrooms. Toast the rice, then add the stock a ladle at a time. Finish with parmesan."),
    ("Shrimp Scampi", "3", "20 min", "shrimp, linguine, garlic, butter, lemon, parsley",
     "Cook the linguine. Saute the shrimp in garlic butter, add lemon juice and toss with the pasta."),
    ("Overnight Oats", "1", "5 min", "rolled oats, milk, chia seeds, honey, berries",
     "Stir everything together in a jar. Refrigerate overnight and top with berries."),
    ("Guacamole", "4", "10 min", "avocados, lime, red onion, cilantro, salt",
     "Mash the avocados with the lime juice. Stir in the onion, cilantro and salt."),
    ("Spaghetti Carbonara", "2", "25 min", "spaghetti, eggs, pancetta, parmesan, black pepper",
     "Cook the spaghetti. Crisp the pancetta. Toss the hot pasta with the eggs, cheese and pancetta off the heat."),
    ("Quinoa Salad", "4", "30 min", "quinoa, cucumber, cherry tomatoes, feta, lemon, olive oil",
     "Cook and cool the quinoa. Chop the vegetables and toss everything with lemon and oil."),
    ("French Toast", "2", "15 min", "bread, eggs, milk, cinnamon, butter, maple syrup",
     "Dip the bread in the egg, milk and cinnamon. Fry in butter and serve with syrup."),
    ("Chili Con Carne", "6", "60 min", "ground beef, kidney beans, tomatoes, onion, chili powder, cumin",
     "Brown the beef with the onion. Add the spices, beans and tomatoes. Simmer for 40 minutes."),
    ("Yogurt Parfait", "1", "5 min", "greek yogurt, granola, honey, strawberries",
     "Layer the yogurt, granola and fruit in a glass. Drizzle with honey."),
    ("Tomato Soup", "4", "35 min", "tomatoes, onion, garlic, vegetable stock, cream, basil",
     "Simmer the tomatoes, onion and garlic in the stock. Blend until smooth and stir in the cream."),
)
DESCRIPTIONS = ("A family favourite.", "Quick weeknight dinner.", "Great for meal prep.", "Perfect for brunch.",
                "Light and fresh.", "Comfort food classic.", "Kid friendly.", "Ready in no time.")


class Recipe(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    servings: str
    prep: str
    ingredients: str
    directions: str
    description: str = ""

    def listing(self) -> str:
        return (f"Title: {self.title}\nServings: {self.servings}\nPreparation time: {self.prep}\n"
                f"Ingredients: {self.ingredients}\nDirections: {self.directions}")

    def matcher(self) -> Callable[[Row], bool]:
        return lambda r: (text_matches(r["title"], self.title) and text_matches(r["servings"], self.servings)
                          and text_matches(r["preparationTime"], self.prep)
                          and items_match(r["ingredients"], self.ingredients)
                          and prose_fields_match(r["directions"], self.directions))


class RecipeParams(Params):
    rows: tuple[Recipe, ...] = ()
    """Every recipe seeded, targets included."""
    targets: tuple[int, ...] = ()
    """Indexes into `rows`: to delete, or the duplicated copies."""
    new: tuple[Recipe, ...] = ()


def _recipes(rng: random.Random, n: int) -> list[Recipe]:
    return [Recipe(title=t, servings=s, prep=p, ingredients=i, directions=d, description=rng.choice(DESCRIPTIONS))
            for t, s, p, i, d in rng.sample(POOL, n)]


def _rows(env: TaskEnv) -> list[Row]:
    return env.query(RECIPES, "broccoli", "SELECT * FROM recipes ORDER BY recipeId")


class _RecipeTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (RECIPES,)
    tags: ClassVar[tuple[str, ...]] = ("recipes", "parameterized")
    category: ClassVar[str] = "data_edit"
    params: RecipeParams

    def setup(self, env: TaskEnv) -> None:
        env.seed(RECIPES, "clear")
        ids = [env.seed(RECIPES, "insert_recipe", title=r.title, description=r.description, servings=r.servings,
                        preparation_time=r.prep, ingredients=r.ingredients, directions=r.directions)
               for r in self.params.rows]
        self.before["rows"], self.before["ids"] = _rows(env), ids

    def targets(self) -> list[Recipe]:
        return [self.params.rows[i] for i in self.params.targets]

    def target_ids(self) -> list[int]:
        return [self.before["ids"][i] for i in self.params.targets]

    def removed(self, env: TaskEnv) -> float:
        return 1.0 if rows_removed(self.before["rows"], _rows(env), "recipeId", self.target_ids()) else 0.0


def _card(ui: UIDriver, recipe: Recipe) -> tuple[int, int]:
    """The centre of the card showing `recipe` (title and description), scrolling down to it (lists with noise
    run to 30 cards and more)."""
    for _ in range(30):
        elements = ui.elements()
        for card in (x for x in elements if x.resource_id.endswith("card_view")):
            fields = {x.resource_id.rpartition("/")[2]: x.text for x in elements if inside(card, x)}
            if (fields.get("card_text_view_title") == recipe.title
                    and fields.get("card_text_view_description", "") == recipe.description):
                return card.bounds.center
        ui.swipe(540, 1700, 540, 1000)
    raise LookupError(f"no card for {recipe.title}")


def _delete(ui: UIDriver, env: TaskEnv, recipes: list[Recipe]) -> None:
    ui.open_app("Recipes")
    first, *rest = sorted(recipes, key=lambda r: r.title.casefold())  # list order, so scrolling only goes down
    ui.steps += 1  # a long press on the card, as UIDriver.long_press counts it
    ui.device.long_press(*_card(ui, first))  # the driver's device: the harness counts it
    for recipe in rest:
        ui.tap_at(*_card(ui, recipe))
    ui.tap(desc="Delete")
    ui.tap(rid="button1")


class RecipeAddSingleRecipe(_RecipeTask):
    template: ClassVar[str] = "In Recipes, add the following recipe:\n{listing}"
    complexity: ClassVar[float] = 3.0
    category: ClassVar[str] = "data_entry"

    @property
    def goal(self) -> str:
        return self.template.format(listing=self.params.new[0].listing())

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        new, *rows = _recipes(rng, rng.randint(4, 7))
        return RecipeParams(seed=seed, rows=tuple(rows), new=(new.model_copy(update={"description": ""}),))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        ok = rows_added(self.before["rows"], _rows(env), "recipeId", [r.matcher() for r in self.params.new])
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Recipes")
        for r in self.params.new:
            ui.tap(desc="Add recipe")
            for text, rid in ((r.title, "new_title"), (r.servings, "new_servings"), (r.prep, "new_preparation_time"),
                              (r.ingredients, "new_ingredients"), (r.directions, "new_directions")):
                reveal(ui, rid=rid)
                ui.type_into(text, rid=rid)
            ui.tap(rid="button_save_recipe")
        return None


class RecipeAddMultipleRecipes(RecipeAddSingleRecipe):
    template: ClassVar[str] = "In Recipes, add the following recipes:\n\n{listing}"
    complexity: ClassVar[float] = 8.0
    difficulty = "medium"
    tags: ClassVar[tuple[str, ...]] = ("recipes", "parameterized", "repetition")

    @property
    def goal(self) -> str:
        return self.template.format(listing="\n\n".join(r.listing() for r in self.params.new))

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        n = rng.randint(2, 3)
        made = _recipes(rng, n + rng.randint(2, 5))
        new = tuple(r.model_copy(update={"description": ""}) for r in made[:n])
        return RecipeParams(seed=seed, rows=tuple(made[n:]), new=new)


class RecipeDeleteSingleRecipe(_RecipeTask):
    template: ClassVar[str] = "In Recipes, delete the recipe {title}."
    complexity: ClassVar[float] = 1.0

    @property
    def goal(self) -> str:
        return self.template.format(title=self.targets()[0].title)

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        rows = _recipes(rng, rng.randint(4, 7))
        return RecipeParams(seed=seed, rows=tuple(rows), targets=(rng.randrange(len(rows)),))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return self.removed(env)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _delete(ui, env, self.targets())
        return None


class RecipeDeleteMultipleRecipes(RecipeDeleteSingleRecipe):
    template: ClassVar[str] = "In Recipes, delete the following recipes: {titles}."
    complexity: ClassVar[float] = 2.0
    difficulty = "medium"

    @property
    def goal(self) -> str:
        *first, last = [r.title for r in self.targets()]
        return self.template.format(titles=f"{', '.join(first)} and {last}")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        rows = _recipes(rng, rng.randint(5, 8))
        return RecipeParams(seed=seed, rows=tuple(rows), targets=tuple(rng.sample(range(len(rows)), rng.randint(2, 3))))


class RecipeDeleteDuplicateRecipes(_RecipeTask):
    template: ClassVar[str] = ("In Recipes, delete all but one of any recipes that are exact duplicates, making "
                               "sure at least one instance of each unique recipe remains.")
    complexity: ClassVar[float] = 1.5
    difficulty = "medium"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        dup, *rows = _recipes(rng, rng.randint(4, 7))
        # A near-duplicate (same title, another description and servings) must stay.
        near = dup.model_copy(update={"description": rng.choice([d for d in DESCRIPTIONS if d != dup.description]),
                                      "servings": str(int(dup.servings) + 2)})
        rows[rng.randrange(len(rows))] = near
        at_ = sorted(rng.sample(range(len(rows) + 2), 2))
        for i in at_:
            rows.insert(i, dup)
        return RecipeParams(seed=seed, rows=tuple(rows), targets=tuple(at_))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        ok = one_of_each_removed(self.before["rows"], _rows(env), "recipeId", [self.target_ids()])
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _delete(ui, env, self.targets()[:1])
        return None


TASKS = (RecipeAddSingleRecipe, RecipeAddMultipleRecipes, RecipeDeleteSingleRecipe, RecipeDeleteMultipleRecipes,
         RecipeDeleteDuplicateRecipes)
