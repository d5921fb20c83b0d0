namespace SmmuGen.Cli.Docs;

/// <summary>The stylesheet inlined into every page (no external assets: the page works offline and from file://).</summary>
internal static class PageStyle
{
    public const string Css = """
        :root { color-scheme: light; --fg: #1b1f24; --muted: #5b6470; --line: #d0d7de; --accent: #0b57d0; --field: #eaf1fb; --hit: #ffe58a; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: #fff; }
        code, .bits, .num { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        header.top { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; justify-content: space-between; padding: 10px 20px; background: #f6f8fa; border-bottom: 1px solid var(--line); }
        header.top .title { display: flex; align-items: baseline; gap: 12px; }
        header.top h1 { margin: 0; font-size: 20px; }
        header.top .src { color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
        .search { display: flex; align-items: center; gap: 10px; }
        #q { width: 340px; padding: 6px 10px; font-size: 14px; border: 1px solid #8c959f; border-radius: 6px; }
        #q:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
        #count { color: var(--muted); font-size: 12px; min-width: 7em; }
        .layout { display: grid; grid-template-columns: 230px minmax(0, 1fr); }
        nav#toc { position: sticky; top: 53px; align-self: start; max-height: calc(100vh - 53px); overflow: auto; padding: 12px 8px 24px 16px; border-right: 1px solid var(--line); font-size: 13px; }
        nav#toc ul { list-style: none; margin: 0; padding-left: 10px; }
        nav#toc > ul { padding-left: 0; }
        nav#toc .tg > a { font-weight: 600; color: var(--fg); }
        nav#toc li li li { font-size: 12px; }
        main { padding: 8px 24px 48px; min-width: 0; }
        h2 { margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); font-size: 20px; }
        section.item, tr[id], h2 { scroll-margin-top: 64px; }
        section.item { margin: 18px 0 26px; padding-top: 6px; border-top: 1px solid var(--line); }
        section.item.variant { margin: 16px 0 16px 14px; border-top: 1px dashed var(--line); }
        h3 { margin: 4px 0; font-size: 17px; }
        h4 { margin: 14px 0 6px; font-size: 14px; }
        h3 a.self, h4 a.self { color: var(--fg); font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .disc { color: var(--muted); font-weight: normal; margin-left: 8px; }
        p.meta { margin: 2px 0; color: var(--muted); font-size: 12.5px; }
        p.doc { margin: 6px 0; max-width: 75em; }
        p.note, .none { color: var(--muted); font-style: italic; }
        figure.diagram { margin: 10px 0; overflow-x: auto; }
        figure.diagram figcaption { font-size: 12.5px; color: var(--muted); margin-top: 2px; }
        .legend { margin-left: 16px; }
        .legend .k { display: inline-block; padding: 0 4px; margin: 0 3px 0 10px; border: 1px solid #445; font-size: 10px; }
        .legend .k.impdef { background: #fde3bd; }
        .legend .k.unknown { background: #e6dcff; }
        svg.defs { position: absolute; width: 0; height: 0; overflow: hidden; }
        svg.bitfield { display: block; width: 100%; max-width: 1220px; height: auto; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        svg.bitfield .box { fill: var(--field); stroke: #3d4a5c; stroke-width: 1; }
        svg.bitfield .rsv .box { fill: url(#rsv-hatch) #e4e6ea; }
        svg.bitfield a.fld:hover .box { fill: #cfe0fa; }
        svg.bitfield a.fld.hit .box { fill: var(--hit); }
        svg.bitfield .tick { stroke: #3d4a5c; stroke-width: 0.7; }
        svg.bitfield .cont { stroke: #fff; stroke-width: 2; stroke-dasharray: 3 3; }
        svg.bitfield text { fill: #1b1f24; }
        svg.bitfield .name { text-anchor: middle; }
        svg.bitfield .rsv .name { fill: #6b7280; }
        svg.bitfield .bitno { font-size: 9px; text-anchor: middle; fill: #5b6470; }
        svg.bitfield .word { font-size: 12px; font-weight: 600; }
        svg.bitfield .wordbits { font-size: 10px; fill: #5b6470; }
        svg.bitfield .reset { fill: #f6f8fa; stroke: #3d4a5c; stroke-width: 1; }
        svg.bitfield .reset.impdef { fill: #fde3bd; }
        svg.bitfield .reset.unknown { fill: #e6dcff; }
        svg.bitfield .resetv { font-size: 9px; text-anchor: middle; }
        table { border-collapse: collapse; margin: 8px 0 12px; width: 100%; font-size: 13px; }
        th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
        td.bits, td.num { white-space: nowrap; }
        td.name { font-weight: 600; white-space: nowrap; }
        tr.rsv td, tr.reserved td { color: var(--muted); }
        tr.pad td { background: repeating-linear-gradient(45deg, #f3f4f6 0 6px, #e9eaee 6px 12px); color: var(--muted); }
        tr.hit td { background: #fff6cc; }
        tr:target td { background: #dbe9ff; }
        section.item:target > h3, section.item:target > h4 { background: #dbe9ff; }
        ul.vals { margin: 0; padding-left: 0; list-style: none; font-size: 12.5px; }
        ul.vals .vdoc { color: var(--muted); }
        .tag { display: inline-block; padding: 0 6px; border-radius: 8px; background: #eef0f3; color: #374151; font-size: 11.5px; }
        .padnote { color: #9a3412; }
        [hidden] { display: none !important; }
        @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } nav#toc { display: none; } #q { width: 220px; } }

        """;
}
