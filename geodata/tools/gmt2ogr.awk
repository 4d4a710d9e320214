# Turns GMT `coast -E<code>+z -M` dumps into OGR-GMT polygons with code/name attributes.
BEGIN { print "# @VGMT1.0 @GPOLYGON"; print "# @Ncode|name|segment"; print "# @Tstring|string|integer"; print "# FEATURE_DATA" }
/^>/ { code=""; name=""; seg=0
       if (match($0, /-Z[A-Za-z0-9.]+/)) code=substr($0, RSTART+2, RLENGTH-2)
       s=$0; sub(/^>[ \t]*-Z[^ \t]+[ \t]*/, "", s); n=s; sub(/ Segment [0-9]+$/, "", n)
       if (match(s, /Segment [0-9]+$/)) seg=substr(s, RSTART+8)+0
       gsub(/"/, "", n)
       print ">"; printf "# @D\"%s\"|\"%s\"|%d\n", code, n, seg; print "# @P"; next }
{ print }
