# Canon (IANA enterprise 1602).
# Identity, status, supplies, trays, alerts and the total come from the
# standard MIBs. Per-function counters are in CANON-MIB;
# none of its OIDs could be verified from public MIB documentation, so none
# are mapped here rather than guessed. Add them under [counters] once checked
# against the vendor's MIB file.
manufacturer = Canon
enterprise = 1602
