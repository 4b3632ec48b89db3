//! A page that reaches the library's lazily built patterns (dates, bylines, datelines and
//! wire credits, site names, breadcrumbs, counters, JSON-LD), run once in each target's
//! `init`. libFuzzer times every input from its first byte, and the first input that reaches
//! a pattern paid for compiling it: a small seed page took over the 1 s limit in CI when the
//! agency-credit patterns compiled under ASan on a loaded machine. Warmed here, before the
//! first timed input, an input's time is its own work.

pub const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Talks begin in the capital | Daily Sample</title>
<meta property="og:site_name" content="Daily Sample">
<meta property="article:published_time" content="2024-01-27T09:30:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Talks begin in the capital","datePublished":"2024-01-27T09:30:00Z",
"author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization",
"name":"Daily Sample"},"articleBody":"Officials began formal talks on Saturday."}</script>
</head><body>
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">World</a> &gt; Current:Contact</nav>
<header><h1>Talks begin in the capital</h1>
<p class="byline">By Jane Doe | January 27, 2024, 9:30 a.m. | 2 hours ago | 162 views</p>
<time datetime="2024-01-27">27/01/2024</time></header>
<article itemprop="articleBody">
<p>BEIRUT (AP) — Officials from two countries began formal talks on Saturday about the
future of the coalition, a step that both sides said would take months.</p>
<p>PARIS (Reuters) - Negotiators met in the capital and discussed the schedule for the next
round of meetings planned for the spring, the ministry said on Monday, Jan. 29.</p>
<p>(AFP) Copyright 2024 The Associated Press. All rights reserved.</p>
</article>
<div class="reactions">veryGood! (136) wonderful (12) sad (3)</div>
<ul class="related"><li><a href="/a">Storm hits the coast</a> <span>3 comments</span></li>
<li><a href="/b">Markets close higher</a> <span>Dec 3, 2019</span></li>
<li><a href="/c">New library opens</a> <span>5 days ago</span></li></ul>
<footer>© 2024 Daily Sample. Updated: 28 January 2024</footer>
</body></html>"#;
