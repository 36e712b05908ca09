# Lexmark (IANA enterprise 641).
# Identity, status, supplies, trays, alerts and the total come from the
# standard MIBs. Per-function counters are in LEXMARK-MPS-MIB;
# none of its OIDs could be verified from public MIB documentation, so none
# are mapped here rather than guessed. Add them under [counters] once checked
# against the vendor's MIB file.
manufacturer = Lexmark
enterprise = 641
