# Xerox (IANA enterprise 253), XEROX-HOST-RESOURCES-EXT-MIB:
# xcmHrDevDetailEntry = 1.3.6.1.4.1.253.8.53.13.2.1, value column 6, printer
# device 1, detail type 20 (counters): .1 total, .33 colour, .34 black.
# Checked against the GLPI agent's Xerox support.
manufacturer = Xerox
enterprise = 253

[counters]
print = 1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.1
color = 1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.33
mono = 1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.34
