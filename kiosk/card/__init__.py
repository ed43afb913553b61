"""Reading the social security card through any reader: the profile of CARD_PROFILE.md, its
decoders, the 15-APDU read sequence and PIN handling."""
