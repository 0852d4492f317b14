//! The style sheet and the scripts of the review pages, inlined in every page
//! so that a page opens from disk alone (no server, no network, no build
//! step). The scripts are plain JavaScript; they build the tables from JSON
//! with `textContent`, never `innerHTML`, so no document text becomes markup.

/// Shared by every page.
pub const CSS: &str = r#"
:root{--fg:#1b1b1b;--mut:#5a5a5a;--bg:#fff;--line:#d0d0d0;--ref:#cfe3ff;--cnt:#c9f0cf;--fund:#ffe3a8;
--prod:#ecd4ff;--sec:#e4e4e4;--foot:#c8eeee;--bad:#c62828;--okc:#6b8e23;--warn:#e65100;--on:#ffd400}
*{box-sizing:border-box}
html{font:15px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #0b57d0;outline-offset:1px}
header{padding:.6rem 1rem;border-bottom:1px solid var(--line)}
header h1{font-size:1.25rem;margin:.2rem 0}
nav a{margin-right:1rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0;font-size:.9rem}
.meta dt{color:var(--mut)}
.meta dd{margin:0}
.wrap{display:grid;grid-template-columns:minmax(0,1fr) 26rem;gap:0;align-items:start}
#text{padding:.5rem 1.2rem;min-width:0}
.blk{content-visibility:auto;contain-intrinsic-size:auto 60rem}
.txt{white-space:pre-wrap;overflow-wrap:anywhere;font-family:"Noto Serif","Times New Roman",serif;font-size:1rem;line-height:1.6;margin:0}
.pgno{font-size:.8rem;color:var(--mut);border-top:1px dashed var(--line);margin:1rem 0 .3rem;padding-top:.2rem;font-weight:normal}
#panel{position:sticky;top:0;max-height:100vh;overflow:auto;border-left:1px solid var(--line);padding:.5rem .8rem;font-size:.88rem;background:#fafafa}
#panel h2{font-size:.95rem;margin:.8rem 0 .2rem}
#panel ul{list-style:none;margin:0;padding:0}
#panel li{padding:.12rem 0;border-bottom:1px solid #eee}
#panel li.lvl2{padding-left:1rem}#panel li.lvl3{padding-left:2rem}#panel li.lvl4{padding-left:3rem}#panel li.lvl5{padding-left:4rem}
.det{color:var(--mut);display:block;font-size:.82rem}
.hint{color:var(--mut);font-size:.8rem}
input[type=search]{width:100%;padding:.3rem;font:inherit}
details>summary{cursor:pointer;font-weight:600;margin:.6rem 0 .2rem}
mark{background:none;color:inherit;border-radius:2px;cursor:pointer}
.k-ref{background:var(--ref)}.k-cnt{background:var(--cnt)}.k-fund{background:var(--fund)}.k-prod{background:var(--prod)}
.k-sec{background:var(--sec);font-weight:600}.k-foot{background:var(--foot)}
mark.k-aud{box-shadow:inset 0 -2px 0 var(--okc)}
mark.k-mis{box-shadow:inset 0 -3px 0 var(--bad)}
mark.k-warn{text-decoration:underline wavy var(--warn);text-underline-offset:3px}
mark.k-cross{background:var(--on)}
mark.on{background:var(--on)!important;outline:2px solid #b08900}
a.on{background:var(--on);outline:2px solid #b08900}
.sw{display:inline-block;padding:0 .35rem;margin:0 .2rem .2rem 0;border-radius:3px;font-size:.8rem}
.bad{color:var(--bad);font-weight:600}.okv{color:var(--okc)}.wv{color:var(--warn)}
.finding{padding:.3rem 0}
.ungr{color:var(--bad)}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td:nth-child(3),td:nth-child(4),td:nth-child(5){white-space:nowrap}
td:nth-child(2){max-width:19rem;overflow-wrap:anywhere}td:nth-child(6){min-width:9rem}
.index table{font-size:.84rem}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.tools{display:flex;gap:.8rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
.tools input{max-width:28rem}
.pager button{font:inherit;padding:.15rem .6rem}
main.idx{padding:.5rem 1rem}
.ttl{display:block;color:var(--mut);font-size:.8rem;max-width:40rem}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem;padding:1rem}
.side{border:1px solid var(--line);border-radius:4px;padding:.6rem;min-width:0}
.side h2{font-size:1rem;margin:0 0 .3rem;overflow-wrap:anywhere}
.side .txt{font-size:.95rem;max-height:28rem;overflow:auto;position:relative}
@media (max-width:900px){.wrap{grid-template-columns:1fr}#panel{position:static;max-height:none;border-left:0;border-top:1px solid var(--line)}}
@media print{
 html{font-size:11pt}
 .wrap{display:block}
 #panel{position:static;max-height:none;overflow:visible;border:0;background:none;break-before:page}
 .blk{content-visibility:visible}
 .side .txt{max-height:none;overflow:visible}
 input,.pager,.noprint{display:none}
 mark,.sw{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
}
"#;

/// The document page: a click on an item of the panel selects its span in
/// the text (scrolled to, every segment lit); a click on a span selects its
/// item in the panel. Keys: `n`/`p` next and previous item, `Escape` back
/// to the panel, `/` the filter box.
pub const DOC_JS: &str = r#"
(function(){
"use strict";
var panel=document.getElementById('panel'),filter=document.getElementById('filter');
function clean(id){return String(id).replace(/[^A-Za-z0-9-]/g,'');}
function links(){return Array.prototype.filter.call(panel.querySelectorAll('a[data-i]'),function(a){return a.offsetParent!==null;});}
var cur=null;
function select(id,fromText){
  id=clean(id);
  var old=document.querySelectorAll('.on');
  for(var i=0;i<old.length;i++)old[i].classList.remove('on');
  cur=id;
  var ms=document.querySelectorAll('mark[data-i~="'+id+'"]');
  for(i=0;i<ms.length;i++)ms[i].classList.add('on');
  var link=panel.querySelector('a[data-i="'+id+'"]');
  if(link){link.classList.add('on');var d=link.closest('details');if(d)d.open=true;}
  if(fromText){if(link){link.scrollIntoView({block:'nearest'});link.focus({preventScroll:true});}}
  else{var a=document.getElementById('x-'+id);if(a)a.scrollIntoView({block:'center'});}
  if(history.replaceState)history.replaceState(null,'','#x-'+id);
}
panel.addEventListener('click',function(e){
  var a=e.target.closest('a[data-i]');
  if(!a||!document.getElementById('x-'+a.getAttribute('data-i')))return;
  e.preventDefault();select(a.getAttribute('data-i'),false);
});
document.getElementById('text').addEventListener('click',function(e){
  var m=e.target.closest('mark[data-i]');
  if(!m)return;
  var ids=m.getAttribute('data-i').split(' ');
  // The innermost item is last; a second click on the same span goes outwards.
  var k=ids.indexOf(cur);
  select(k>0?ids[k-1]:ids[ids.length-1],true);
});
if(filter)filter.addEventListener('input',function(){
  var q=filter.value.trim().toLowerCase();
  var lis=panel.querySelectorAll('li[data-f]');
  for(var i=0;i<lis.length;i++)lis[i].hidden=q!==''&&lis[i].textContent.toLowerCase().indexOf(q)<0;
});
document.addEventListener('keydown',function(e){
  if(e.altKey||e.ctrlKey||e.metaKey)return;
  var t=e.target.tagName;
  if(e.key==='Escape'){var l=cur&&panel.querySelector('a[data-i="'+cur+'"]');if(l){l.scrollIntoView({block:'nearest'});l.focus();}return;}
  if(t==='INPUT'||t==='TEXTAREA')return;
  if(e.key==='/'&&filter){e.preventDefault();filter.focus();return;}
  if(e.key!=='n'&&e.key!=='p')return;
  var ls=links().filter(function(a){return document.getElementById('x-'+a.getAttribute('data-i'));});
  if(!ls.length)return;
  var i=-1;for(var j=0;j<ls.length;j++)if(ls[j].getAttribute('data-i')===cur)i=j;
  i=e.key==='n'?Math.min(i+1,ls.length-1):Math.max(i-1,0);
  select(ls[i].getAttribute('data-i'),false);ls[i].focus({preventScroll:true});
});
function fromHash(){
  var h=decodeURIComponent(location.hash.slice(1));
  if(h.indexOf('x-')===0){if(document.getElementById(h))select(h.slice(2),false);return;}
  var m=/^at-(\d+)-(\d+)$/.exec(h);
  if(!m)return;
  var a=document.querySelector('span.anc[data-at="'+m[1]+'-'+m[2]+'"]');
  if(a){select(a.id.slice(2),false);return;}
  // No item has exactly this span: show the block that holds it.
  var s=+m[1],best=null,bs=document.querySelectorAll('.blk');
  for(var i=0;i<bs.length;i++)if(+bs[i].getAttribute('data-cp')<=s)best=bs[i];
  if(best)best.scrollIntoView({block:'start'});
}
window.addEventListener('hashchange',fromHash);
fromHash();
})();
"#;

/// The index: a table built from the JSON in the page, a page of rows at a
/// time (10,000 documents open as fast as 100), sorted by a click on a
/// column, filtered by the box.
pub const INDEX_JS: &str = r#"
(function(){
"use strict";
var data=JSON.parse(document.getElementById('data').textContent);
function table(root,cols,rows,size){
  var st={key:null,dir:1,q:'',page:0,rows:rows};
  var tools=document.createElement('div');tools.className='tools';
  var box=document.createElement('input');box.type='search';box.placeholder='Filter';
  box.setAttribute('aria-label','Filter the rows');
  var info=document.createElement('span');info.setAttribute('aria-live','polite');
  var pager=document.createElement('span');pager.className='pager';
  var prev=document.createElement('button');prev.textContent='‹ Previous';
  var next=document.createElement('button');next.textContent='Next ›';
  pager.appendChild(prev);pager.appendChild(next);
  tools.appendChild(box);tools.appendChild(info);tools.appendChild(pager);
  var t=document.createElement('table'),head=document.createElement('thead'),body=document.createElement('tbody');
  var tr=document.createElement('tr'),ths=[];
  cols.forEach(function(c){
    var th=document.createElement('th');th.scope='col';if(c.num)th.className='n';
    var b=document.createElement('button');b.type='button';b.textContent=c.label;
    b.addEventListener('click',function(){st.dir=st.key===c.key?-st.dir:(c.num?-1:1);st.key=c.key;st.page=0;sort();draw();});
    th.appendChild(b);tr.appendChild(th);ths.push(th);
  });
  head.appendChild(tr);t.appendChild(head);t.appendChild(body);
  root.appendChild(tools);root.appendChild(t);
  rows.forEach(function(r){r._f=cols.map(function(c){return r[c.key]==null?'':String(r[c.key]);}).join(' ').toLowerCase()+' '+(r.title||'').toLowerCase();});
  function cmp(a,b){
    var x=a[st.key],y=b[st.key];
    if(x==null||x==='')return y==null||y===''?0:1;
    if(y==null||y==='')return -1;
    return (x<y?-1:x>y?1:0)*st.dir;
  }
  function sort(){
    var q=st.q;
    st.rows=rows.filter(function(r){return !q||r._f.indexOf(q)>=0;});
    if(st.key)st.rows.sort(function(a,b){return cmp(a,b)||a.n-b.n;});
    ths.forEach(function(th,i){th.setAttribute('aria-sort',cols[i].key===st.key?(st.dir>0?'ascending':'descending'):'none');});
  }
  function draw(){
    var n=st.rows.length,pages=Math.max(1,Math.ceil(n/size));
    st.page=Math.min(st.page,pages-1);
    var from=st.page*size,to=Math.min(n,from+size);
    var frag=document.createDocumentFragment();
    for(var i=from;i<to;i++){
      var r=st.rows[i],row=document.createElement('tr');
      cols.forEach(function(c){
        var td=document.createElement('td');if(c.num)td.className='n';
        var v=r[c.key];
        if(c.link&&r[c.link]){var a=document.createElement('a');a.href=r[c.link];a.textContent=v==null?'':v;td.appendChild(a);
          if(c.sub&&r[c.sub]){var s=document.createElement('span');s.className='ttl';s.textContent=r[c.sub];td.appendChild(s);}}
        else td.textContent=v==null?'':v;
        if(c.cls&&r[c.cls])td.className+=' '+r[c.cls];
        row.appendChild(td);
      });
      frag.appendChild(row);
    }
    body.textContent='';body.appendChild(frag);
    info.textContent=n?('Rows '+(from+1)+'–'+to+' of '+n+(n<rows.length?' (filtered from '+rows.length+')':'')):'No rows';
    prev.disabled=st.page===0;next.disabled=st.page>=pages-1;
  }
  prev.addEventListener('click',function(){st.page--;draw();});
  next.addEventListener('click',function(){st.page++;draw();});
  var timer=null;
  box.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){st.q=box.value.trim().toLowerCase();st.page=0;sort();draw();},120);});
  sort();draw();
}
table(document.getElementById('docs'),[
  {key:'n',label:'#',num:1},{key:'file',label:'Document',link:'href',sub:'title'},{key:'type',label:'Type'},
  {key:'number',label:'Number'},{key:'date',label:'Date'},{key:'issuer',label:'Issuer'},
  {key:'sections',label:'Sections',num:1},{key:'references',label:'Refs',num:1},{key:'counts',label:'Counts',num:1},
  {key:'funds',label:'Funds',num:1},{key:'products',label:'Products',num:1},{key:'warnings',label:'Warnings',num:1,cls:'wcls'},
  {key:'mismatches',label:'Mismatches',num:1,cls:'mcls'},{key:'cross',label:'Cross',num:1,cls:'ccls'},{key:'errors',label:'Errors',cls:'ecls'}
],data.docs,100);
if(data.findings.length)table(document.getElementById('cross'),[
  {key:'n',label:'#',num:1},{key:'check',label:'Check',link:'href'},{key:'status',label:'Status',cls:'scls'},
  {key:'severity',label:'Severity'},{key:'documents',label:'Documents',num:1},{key:'message',label:'Finding'}
],data.findings,50);
})();
"#;

/// The finding page: each side's excerpt scrolled to its span.
pub const CROSS_JS: &str = r#"
(function(){
"use strict";
var ms=document.querySelectorAll('.side mark.k-cross');
for(var i=0;i<ms.length;i++){var box=ms[i].closest('.txt');if(box)box.scrollTop=Math.max(0,ms[i].offsetTop-box.clientHeight/3);}
})();
"#;
