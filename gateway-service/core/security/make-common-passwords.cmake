# Builds the console's list of the 10,000 most common passwords from the
# frequency-ranked password list that Debian's python3-zxcvbn package ships
# (installed by scripts/install-deps.sh). Run as:
#   cmake -DSOURCE=<frequency_lists.py> -DOUTPUT=<file> -DCOUNT=10000 -P make-common-passwords.cmake
cmake_policy(SET CMP0007 NEW)
if(NOT EXISTS "${SOURCE}")
  message(FATAL_ERROR "${SOURCE} not found: install python3-zxcvbn (scripts/install-deps.sh)")
endif()
file(READ "${SOURCE}" content)
string(REGEX MATCH "\"passwords\": \"([^\"]*)\"" found "${content}")
if(NOT found)
  message(FATAL_ERROR "no password list in ${SOURCE}")
endif()
string(REPLACE "," ";" words "${CMAKE_MATCH_1}")
# The console compares case-insensitively: keep distinct lower-case entries.
list(TRANSFORM words TOLOWER)
list(REMOVE_DUPLICATES words)
list(REMOVE_ITEM words "")
list(LENGTH words total)
if(total LESS COUNT)
  message(WARNING "${SOURCE} has only ${total} passwords; using all of them")
  set(COUNT ${total})
endif()
list(SUBLIST words 0 ${COUNT} words)
list(JOIN words "\n" text)
file(WRITE "${OUTPUT}.tmp" "${text}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
