#!/usr/bin/python3
"""The comparison map with Mapnik (Debian's python3-mapnik): histmap's plain style in
Mapnik XML, page points scaled by 3 (2400 px for an 800-pt page), the frame
1800 x 1350 km about 125E 45N."""
import sys

import mapnik

root, out = sys.argv[1], sys.argv[2]
PROJ = "+proj=lcc +lat_1=40 +lat_2=50 +lat_0=45 +lon_0=125 +datum=WGS84 +units=m +no_defs"
LAYERS = ["land", "lakes", "rivers", "states", "manchukuo", "railways", "cities"]
COLORS = ["#4e79a7", "#e15759", "#59a14f", "#b07aa1", "#f28e2b", "#76b7b2"]

styles, layers = [], []
for i, name in enumerate(LAYERS):
    c = COLORS[i % len(COLORS)]
    text = ""
    if name == "cities":
        text = (f'<TextSymbolizer face-name="Noto Sans Regular" size="22.5" fill="#222222" dy="-12" '
                f'halo-fill="white" halo-radius="1.5" placement="point">[name]</TextSymbolizer>')
    styles.append(f"""<Style name="{name}">
      <Rule><Filter>[mapnik::geometry_type]=polygon</Filter>
        <PolygonSymbolizer fill="{c}" fill-opacity="0.33"/><LineSymbolizer stroke="{c}" stroke-width="2.4"/></Rule>
      <Rule><Filter>[mapnik::geometry_type]=linestring</Filter><LineSymbolizer stroke="{c}" stroke-width="2.4"/></Rule>
      <Rule><Filter>[mapnik::geometry_type]=point</Filter>
        <MarkersSymbolizer fill="{c}" width="13" height="13" stroke-width="0" allow-overlap="true"/>{text}</Rule>
    </Style>""")
    layers.append(f"""<Layer name="{name}" srs="+proj=longlat +datum=WGS84 +no_defs">
      <StyleName>{name}</StyleName>
      <Datasource><Parameter name="type">geojson</Parameter>
        <Parameter name="file">{root}/geodata/{name}.geojson</Parameter></Datasource>
    </Layer>""")
xml = f'<Map srs="{PROJ}" background-color="#f4f6f8">{"".join(styles)}{"".join(layers)}</Map>'

mapnik.register_fonts(f"{root}/styles/fonts")
m = mapnik.Map(2400, 1800)
mapnik.load_map_from_string(m, xml)
m.zoom_to_box(mapnik.Box2d(-900e3, -575e3, 900e3, 775e3))
mapnik.render_to_file(m, out, "png")
