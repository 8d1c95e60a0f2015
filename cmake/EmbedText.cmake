# cmake -DIN=file -DOUT=file.c -DVAR=name -P EmbedText.cmake
# Emits the bytes as a hex array so any text (quotes, backslashes) embeds.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n  " bytes "${bytes}")
file(WRITE ${OUT} "/* Generated from ${IN} by EmbedText.cmake; do not edit. */\n"
                  "const char ${VAR}[] = {\n  ${bytes}0x00};\n")
