"""A fallback model per role takes over once the primary is unavailable; only when both are does the caller see
ModelUnavailable. Two local servers stand in for the primary and the fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from droidpilot.agent.llm.base import ImagesRejected, Message, ModelUnavailable
from droidpilot.agent.llm.config import build_models, load_settings
from droidpilot.agent.llm.fallback import FallbackModel
from tests.agent.fake_openai_server import FakeOpenAIServer, Reply


class Answer(BaseModel):
    text: str


ASK = [Message(role="user", content="say hi")]


def config(tmp_path: Path, primary: FakeOpenAIServer, fallback: FakeOpenAIServer) -> Path:
    path = tmp_path / "droidpilot.toml"
    path.write_text(f'[llm]\nmodel = "big"\nbase_url = "{primary.base_url}"\nmax_retries = 0\ntimeout = 2\n'
                    f'[llm.roles.operator.fallback]\nmodel = "small"\nbase_url = "{fallback.base_url}"\n')
    return path


def test_the_fallback_takes_over_for_the_rest_of_the_run(tmp_path: Path) -> None:
    with FakeOpenAIServer() as primary, FakeOpenAIServer() as fallback:
        primary.responder = lambda _r: Reply.error(503)
        fallback.responder = lambda _r: Reply.json({"text": "hi"})
        models = build_models(load_settings(config(tmp_path, primary, fallback), env={}), env={})
        operator = models["operator"]
        assert isinstance(operator, FallbackModel) and not isinstance(models["manager"], FallbackModel)
        assert operator.complete(ASK, Answer).parsed.text == "hi"
        assert operator.complete(ASK, Answer).parsed.text == "hi"
        assert len(primary.chat_requests()) == 1  # not asked again once it failed
        assert [r.body["model"] for r in fallback.chat_requests()] == ["small", "small"]
        assert operator.model == "small"


def test_both_unavailable_is_model_unavailable_naming_both(tmp_path: Path) -> None:
    with FakeOpenAIServer(api_key="k") as primary, FakeOpenAIServer() as fallback:
        fallback.responder = lambda _r: Reply.error(500)
        models = build_models(load_settings(config(tmp_path, primary, fallback), env={}), env={})
        with pytest.raises(ModelUnavailable) as caught:
            models["operator"].complete(ASK, Answer)
        assert "small" in str(caught.value) and "big" in str(caught.value) and "HTTP 401" in str(caught.value)


def test_an_image_rejection_is_not_an_outage(tmp_path: Path) -> None:
    from PIL import Image

    from droidpilot.agent.llm.base import ImagePart, TextPart

    with FakeOpenAIServer(reject_images=True) as primary, FakeOpenAIServer() as fallback:
        models = build_models(load_settings(config(tmp_path, primary, fallback), env={}), env={})
        picture = [Message(role="user", content=[TextPart(text="what is this?"),
                                                 ImagePart(image=Image.new("RGB", (8, 8)))])]
        with pytest.raises(ImagesRejected):
            models["operator"].complete(picture, Answer)
        assert not fallback.chat_requests()
