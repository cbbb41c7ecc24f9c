"""Cost per call from token counts: USD per million prompt / completion tokens, per model name.

Names match exactly, else by the longest known prefix (so `gpt-4o-2024-08-06` is priced as `gpt-4o`, and
`gpt-4o-mini` does not fall back to `gpt-4o`), after dropping a `provider/` prefix. Unknown and local models
cost nothing. The defaults are OpenAI's public list prices (standard tier) and go stale: override them with
`[llm.prices."MODEL"] prompt = ... completion = ...` in droidpilot.toml.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ModelPrice(BaseModel):
    prompt: float = Field(0.0, ge=0, description="USD per 1M prompt (input) tokens")
    completion: float = Field(0.0, ge=0, description="USD per 1M completion (output) tokens")


DEFAULT_PRICES: dict[str, ModelPrice] = {
    name: ModelPrice(prompt=prompt, completion=completion)
    for name, (prompt, completion) in {
        "gpt-4o": (2.50, 10.00),
        "gpt-4o-mini": (0.15, 0.60),
        "gpt-4.1": (2.00, 8.00),
        "gpt-4.1-mini": (0.40, 1.60),
        "gpt-4.1-nano": (0.10, 0.40),
        "gpt-5": (1.25, 10.00),
        "gpt-5-mini": (0.25, 2.00),
        "gpt-5-nano": (0.05, 0.40),
        "o3": (2.00, 8.00),
        "o3-mini": (1.10, 4.40),
        "o4-mini": (1.10, 4.40),
        "gpt-4-turbo": (10.00, 30.00),
    }.items()
}


class PriceTable(BaseModel):
    prices: dict[str, ModelPrice] = Field(default_factory=dict)

    @classmethod
    def default(cls) -> PriceTable:
        return cls(prices=dict(DEFAULT_PRICES))

    def with_overrides(self, overrides: dict[str, ModelPrice] | None) -> PriceTable:
        """A copy where `overrides` replace (or add) entries."""
        return PriceTable(prices={**self.prices, **(overrides or {})})

    def price_for(self, model: str) -> ModelPrice:
        for name in (model, model.rsplit("/", 1)[-1]):
            if name in self.prices:
                return self.prices[name]
        bare = model.rsplit("/", 1)[-1]
        matches = [name for name in self.prices if bare.startswith(name + "-")]
        return self.prices[max(matches, key=len)] if matches else ModelPrice()

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        price = self.price_for(model)
        return (prompt_tokens * price.prompt + completion_tokens * price.completion) / 1_000_000
