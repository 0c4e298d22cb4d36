"""The two tools Claude is made to call, their input schemas generated from the pydantic models that validate
the reply: a schema and its check cannot drift apart."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..datamodel import Period


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TierReply(_Strict):
    name: str | None = Field(max_length=60)
    price_usd: float | None = Field(ge=0)
    period: Period | None
    text: str = Field(max_length=80, description="price as shown, e.g. $20/mo")


class FactsReply(_Strict):
    name: str | None = Field(max_length=120)
    tagline: str | None = Field(max_length=200)
    category: str | None = Field(max_length=60)
    description: str | None = Field(max_length=600)
    entry: str | None = Field(max_length=40)
    entry_usd_per_month: float | None = Field(ge=0)
    tiers: list[TierReply] = Field(max_length=12)
    license: str | None = Field(max_length=60, description="SPDX id, or Proprietary")
    open_weights: bool | None


class ReviewReply(_Strict):
    reviewer: str
    score: int = Field(ge=0, le=100)
    rationale: str = Field(min_length=1, max_length=1200)


class CardReply(_Strict):
    facts: FactsReply
    reviews: list[ReviewReply] = Field(min_length=1)


class CiteReply(_Strict):
    product: str = Field(max_length=120)
    field: str | None = Field(None, max_length=40, description="fact field, when from the facts")
    text: str = Field(max_length=300, description="quoted text")
    image: str | None = Field(None, max_length=200, description="screenshot file name")


class AnswerReply(_Strict):
    text: str = Field(min_length=1, max_length=1500)
    citations: list[CiteReply] = Field(max_length=8)


def input_schema(model: type[BaseModel]) -> dict:
    """`model`'s JSON Schema with every $ref inlined and titles dropped (what a tool's input_schema wants)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: inline(v) for k, v in node.items() if k != "title"}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return inline(schema)


def card_tool(reviewers: list[str]) -> dict:
    """The `record_card` tool: facts as the screenshots show them and one review per reviewer."""
    schema = input_schema(CardReply)
    reviews = schema["properties"]["reviews"]
    reviews["maxItems"] = len(reviewers)
    reviews["items"]["properties"]["reviewer"]["enum"] = list(reviewers)
    return {"name": "record_card", "description": "Record the product's facts and one review per reviewer.",
            "input_schema": schema}


ANSWER_TOOL = {
    "name": "answer",
    "description": "Answer the question and cite where each point comes from.",
    "input_schema": input_schema(AnswerReply),
}
