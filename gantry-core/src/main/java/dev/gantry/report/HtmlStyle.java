package dev.gantry.report;

/** The HTML report's style sheet, set inline: the page loads nothing. */
final class HtmlStyle {

    private HtmlStyle() {}

    static final String CSS =
            """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:0 auto;\
            padding:0 1rem 2rem;color:#1f2328;background:#fff}
            .band{margin:0 -1rem 1.5rem;padding:1.1rem 1.5rem 1.25rem;color:#fff;border-radius:0 0 10px 10px}
            .band.released{background:#1a7f37}.band.override{background:#9a6700}.band.rolled-back{background:#bc4c00}
            .band.rollback-failed{background:#a40e26}.band.aborted{background:#57606a}.band.running{background:#0969da}
            .band.waiting{background:#9a6700}
            .band .verdict{font-size:2rem;font-weight:700;margin:0;letter-spacing:.01em}
            .band h1{font-size:1.15rem;font-weight:600;margin:0 0 .4rem}
            .band .cause{font-size:1.05rem;margin:0 0 .9rem}
            .band dl{display:flex;flex-wrap:wrap;gap:.4rem 2rem;margin:0}
            .band dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;opacity:.85}
            .band dd{margin:0;font-weight:600}.band code{font-size:.95rem}
            .alert{border:2px solid #a40e26;background:#ffebe9;color:#a40e26;padding:.75rem 1rem;font-weight:700}
            h2{font-size:1.3rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem;margin:2rem 0 .75rem}
            h3{font-size:1.02rem;margin:1.25rem 0 .4rem}
            ul{padding-left:1.25rem;margin:.4rem 0}
            table{border-collapse:collapse;margin:.5rem 0;width:100%;font-size:.9rem}
            th,td{border:1px solid #d0d7de;padding:.3rem .55rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
            pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.6rem;overflow-x:auto;font-size:.82rem}
            .tag{display:inline-block;padding:0 .5rem;border:1px solid;border-radius:1rem;font-size:.8rem;font-weight:600}
            .tag.ok{color:#1a7f37}.tag.bad{color:#cf222e}.tag.warn{color:#9a6700}
            figure{margin:1rem 0}figcaption{color:#57606a;font-size:.85rem}
            svg.chart{width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px}
            svg text{fill:#1f2328}svg .label{fill:#57606a}
            .grid{stroke:#eaeef2}.frame,.tick{stroke:#8c959f}
            .canary{stroke:#0969da;stroke-width:2.5}.canary-marker{fill:#0969da}
            .stable{stroke:#57606a;stroke-width:2;stroke-dasharray:8 5}.stable-marker{fill:#fff;stroke:#57606a;stroke-width:1.5}
            .threshold{stroke:#cf222e;stroke-width:1.5;stroke-dasharray:12 4 2 4}svg .threshold-label{fill:#cf222e;font-weight:600}
            .step{stroke:#8c959f;stroke-dasharray:2 3}.step.rollback{stroke:#bc4c00;stroke-dasharray:5 3}
            svg .step-label{fill:#57606a;font-size:11px}
            .fired{fill:none;stroke:#cf222e;stroke-width:2.5}svg .fired-label{fill:#cf222e;font-weight:700}
            details summary{cursor:pointer;margin:.5rem 0}
            footer{margin-top:2.5rem;color:#57606a;font-size:.8rem}
            """;
}
