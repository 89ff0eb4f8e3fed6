"""Trained model weights shipped with the package (see scripts/train_ner.py)."""
