"""The demo catalogue (data) and its loader, and the demo's sign-ins."""

from registry.demo.loader import load_demo, load_demo_data, score_demo, solution_draft
from registry.demo.sign_ins import DEMO_SIGN_INS, ensure_demo_sign_ins

__all__ = [
    "DEMO_SIGN_INS",
    "ensure_demo_sign_ins",
    "load_demo",
    "load_demo_data",
    "score_demo",
    "solution_draft",
]
