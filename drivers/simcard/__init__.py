"""The simulated social security card: card images (image.py) and the ISO 7816 responder that
serves them (card.py). Nothing here imports the kiosk."""

from drivers.simcard.card import SSSE_AID, SimCard
from drivers.simcard.image import (
    BackendData,
    CardImage,
    HolderData,
    ImageError,
    IssuerData,
    cards_dir,
    demo_image_ids,
    encode_records,
    image_from_dict,
    load_image,
)

__all__ = [
    "SSSE_AID",
    "BackendData",
    "CardImage",
    "HolderData",
    "ImageError",
    "IssuerData",
    "SimCard",
    "cards_dir",
    "demo_image_ids",
    "encode_records",
    "image_from_dict",
    "load_image",
]
