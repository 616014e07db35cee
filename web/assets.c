/*
 * assets.c - the style sheet and the small script every page links.
 *
 * Pages work without the script: it only adds conveniences (the "/" key
 * focuses the search box, the document page scrolls to the first match and
 * steps through matches with n / p, the status page refreshes itself).
 *
 * Functions: page_asset.
 */
#include "web/web_private.h"

#include <string.h>

static const char css[] =
    ":root{--ink:#1d232b;--muted:#5b6572;--line:#d9dde3;--accent:#8a1c1c;--bg:#fafaf8}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.5 system-ui,'DejaVu Sans',sans-serif;color:var(--ink);"
    "background:var(--bg)}\n"
    "header{display:flex;gap:2rem;align-items:center;padding:.6rem 1.5rem;background:#1d232b}\n"
    "header a{color:#e8e8e8;text-decoration:none}\n"
    "header .brand{font-weight:700;font-size:1.25rem;letter-spacing:.05em;color:#fff}\n"
    "header nav{display:flex;gap:1.2rem}\n"
    "header nav a[aria-current]{color:#fff;border-bottom:2px solid #d66}\n"
    "main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem}\n"
    "footer{color:var(--muted);font-size:.8rem;text-align:center;padding:1rem}\n"
    "h1{font-size:1.5rem;margin:.5rem 0 1rem}\n"
    "form.search{display:flex;gap:.5rem;margin:1rem 0}\n"
    "form.search input{flex:1;font-size:1.1rem;padding:.5rem .7rem;border:1px solid #aab;"
    "border-radius:4px}\n"
    "button{font-size:1rem;padding:.5rem 1rem;border:0;border-radius:4px;background:var(--accent);"
    "color:#fff;cursor:pointer}\n"
    ".layout{display:flex;gap:2rem;align-items:flex-start}\n"
    ".layout .results{flex:1;min-width:0}\n"
    "aside.facets{width:15rem;flex:none;font-size:.9rem}\n"
    "aside.facets h3{font-size:.85rem;text-transform:uppercase;color:var(--muted);margin:1rem 0 .3rem}\n"
    "aside.facets ul{list-style:none;margin:0;padding:0}\n"
    "aside.facets li{display:flex;justify-content:space-between;gap:.5rem}\n"
    "aside.facets .n{color:var(--muted)}\n"
    "aside.facets a[aria-current]{font-weight:700}\n"
    ".total{color:var(--muted)}\n"
    "form.search select{font-size:1rem;padding:.45rem;border:1px solid #aab;border-radius:4px;"
    "background:#fff}\n"
    ".filters .filter{display:inline-block;background:#eef0f3;border-radius:3px;padding:0 .5rem;"
    "margin-right:.4rem}\n"
    ".filters .remove{text-decoration:none;color:var(--accent);font-weight:700}\n"
    "form.batch .buttons{display:flex;gap:.5rem}\n"
    "header .user{margin-left:auto;display:flex;gap:.6rem;align-items:center;color:#e8e8e8}\n"
    "header .user .role{color:#aab;font-size:.85rem}\n"
    "header .user form{margin:0}\n"
    "header .user button{font-size:.85rem;padding:.3rem .7rem}\n"
    "form.login{display:flex;flex-direction:column;gap:.4rem;max-width:22rem}\n"
    "form.login input{font-size:1rem;padding:.45rem .6rem;border:1px solid #aab;border-radius:4px}\n"
    "form.login .buttons{margin-top:.6rem}\n"
    "ol.hits{list-style:none;padding:0;margin:0}\n"
    "h2.possible{font-size:1.1rem;margin:1.5rem 0 .2rem;color:var(--muted)}\n"
    "ol.hits.possible li.hit{opacity:.8}\n"
    ".total .possible{color:var(--muted);font-size:.85rem}\n"
    "li.hit{padding:.8rem 0;border-bottom:1px solid var(--line)}\n"
    "li.hit h2{font-size:1.1rem;margin:0}\n"
    "li.hit p{margin:.2rem 0}\n"
    ".meta,.path,.chain{color:var(--muted);font-size:.85rem}\n"
    ".facts{font-size:.9rem;margin:.3rem 0}\n"
    ".facts span{display:inline-block;margin-right:.4rem;padding:0 .45rem;border-radius:3px;"
    "background:#eef0f3}\n"
    ".facts .doctype{background:#1d232b;color:#fff}\n"
    ".snippet b,mark{background:#ffe58a;color:inherit;font-weight:600;padding:0 .1em}\n"
    ".pager{display:flex;gap:1rem;margin:1rem 0;align-items:center}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem}\n"
    "th,td{text-align:left;vertical-align:top;padding:.25rem .8rem .25rem 0;"
    "border-bottom:1px solid var(--line)}\n"
    "table.record th{color:var(--muted);font-weight:400;white-space:nowrap}\n"
    "code{font-size:.85em;word-break:break-all}\n"
    ".downloads a{font-weight:600}\n"
    "section.page{border-top:2px solid var(--line);margin-top:1.5rem}\n"
    ".page-body{display:flex;gap:1.5rem;align-items:flex-start}\n"
    ".page-image{flex:0 0 45%}\n"
    ".page-image img{width:100%;border:1px solid var(--line);background:#fff}\n"
    "pre.text{flex:1;white-space:pre-wrap;word-wrap:break-word;font:15px/1.55 'DejaVu Sans Mono',"
    "monospace;background:#fff;border:1px solid var(--line);padding:1rem;margin:0}\n"
    "dl.counts{display:flex;gap:1rem;flex-wrap:wrap}\n"
    ".count{border:1px solid var(--line);background:#fff;padding:.6rem 1rem;min-width:8rem}\n"
    ".count dt{color:var(--muted);font-size:.85rem}.count dd{margin:0;font-size:1.6rem}\n"
    ".count.failed dd{color:var(--accent)}\n"
    ".error,.reason{color:var(--accent)}\n"
    ".warn{font-size:.8rem;font-weight:600;color:#fff;background:#b35c00;border-radius:3px;"
    "padding:0 .4rem}\n"
    "form.batch{display:flex;flex-direction:column;gap:.4rem;max-width:40rem}\n"
    "form.batch textarea{font:inherit;padding:.5rem}\n"
    ".facts .person-role{background:#8a1c1c;color:#fff}\n"
    "mark.mention{background:#bfe0ff;outline:1px solid #3b82c4}\n"
    "table.timeline td:first-child,table.persons td:last-child{white-space:nowrap}\n"
    ".persons ul{padding-left:1.2rem}.persons .role,td.role{color:var(--muted)}\n"
    "form.persons-filter input{flex:0 1 10rem;font-size:1rem}\n"
    "@media print{header,footer,form,.pager,.noprint{display:none}main{max-width:none;padding:0}"
    "body{background:#fff;font-size:11pt}a{color:inherit;text-decoration:none}"
    "section.case{break-inside:avoid}table{width:100%}}\n"
    "@media (max-width:50rem){.layout,.page-body{flex-direction:column}"
    "aside.facets,.page-image{width:100%}}\n";

static const char js[] =
    "// dokaz.js - conveniences only; every page works without it.\n"
    "'use strict';\n"
    "document.addEventListener('keydown', function (e) {\n"
    "  var t = e.target && e.target.tagName;\n"
    "  if (t === 'INPUT' || t === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey) return;\n"
    "  var q = document.getElementById('q');\n"
    "  if (e.key === '/' && q) { e.preventDefault(); q.focus(); q.select(); }\n"
    "  var marks = document.querySelectorAll('mark');\n"
    "  if ((e.key === 'n' || e.key === 'p') && marks.length) {\n"
    "    var i = window.dokazMark === undefined ? -1 : window.dokazMark;\n"
    "    i = (i + (e.key === 'n' ? 1 : marks.length - 1)) % marks.length;\n"
    "    window.dokazMark = i;\n"
    "    marks[i].scrollIntoView({block: 'center'});\n"
    "  }\n"
    "});\n"
    "document.addEventListener('DOMContentLoaded', function () {\n"
    "  if (location.pathname === '/status') setTimeout(function () { location.reload(); }, 10000);\n"
    "  if (location.pathname.indexOf('/item/') === 0 && !location.hash) {\n"
    "    var m = document.querySelector('mark');\n"
    "    if (m) m.scrollIntoView({block: 'center'});\n"
    "  }\n"
    "});\n";

/* page_asset - /static/dokaz.css and /static/dokaz.js */
void page_asset(const char *name, web_response *resp)
{
    const char *body = NULL;
    if (strcmp(name, "dokaz.css") == 0) {
        body = css;
        resp->type = "text/css; charset=utf-8";
    } else if (strcmp(name, "dokaz.js") == 0) {
        body = js;
        resp->type = "text/javascript; charset=utf-8";
    }
    if (body == NULL) {
        web_error(resp, 404, 0, "no such file");
        return;
    }
    resp->status = 200;
    resp->len = strlen(body);
    resp->body = g_strndup(body, resp->len);
}
