# Konica Minolta (IANA enterprise 18334).
# Identity, status, supplies, trays, alerts and the total come from the
# standard MIBs. Per-function counters are in KONICA-MINOLTA MIB (counters under 1.3.6.1.4.1.18334.1.1.1.5.7.2 are used by public scripts, but their column layout could not be confirmed);
# none of its OIDs could be verified from public MIB documentation, so none
# are mapped here rather than guessed. Add them under [counters] once checked
# against the vendor's MIB file.
manufacturer = Konica Minolta
enterprise = 18334
