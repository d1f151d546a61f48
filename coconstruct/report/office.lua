--[[ The roadmap's Markdown as a word processor's document: a pandoc filter, run by office.py.

The Markdown is coconstruct's own, with every answer already escaped as text. This filter still
lets nothing raw through to the writer (defence in depth: no HTML, no OOXML, no links to files),
then gives the document the shape a word processor edits well:
  - the first heading and the line under it become the title and subtitle (document properties
    and the title page, in the Title and Subtitle styles);
  - sections become Heading 1, their parts Heading 2 and 3 (the navigation pane's outline);
  - the contents list becomes a real table of contents: a TOC field (Word) or index (LibreOffice)
    that the word processor updates, already filled with the sections and, in LibreOffice,
    their page numbers;
  - tables get column widths from their content (pandoc would give every column the same);
  - pictures are the charts (data: URLs) only, at the text width (a chart drawn in parts: a
    picture each, which pages break between; none taller than a page);
  - the cover's and « L'essentiel »'s figures become cards, the reading guide a box, the bars
    of pressures small shaded bars (office_blocks.lua);
  - the sections start on the page after the contents, then follow one another.

Settings come in the COCONSTRUCT_OFFICE environment variable, as JSON: {"contents": "Sommaire",
"cards": ["needs", "money", …]} (the kinds of the key figures, for their colours).
]]

local settings = pandoc.json.decode(os.getenv("COCONSTRUCT_OFFICE") or "{}")
-- cards, the reading guide's box, pressure bars: office_blocks.lua, beside this file
package.path = pandoc.path.directory(PANDOC_SCRIPT_FILE) .. "/?.lua;" .. package.path
local blocks_of = require("office_blocks")
local stringify = pandoc.utils.stringify
local pictures = 0

local function xml(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

-- A template's anchor, `<a name="data-money"></a>`: its name, for a bookmark links lead to.
local function anchor(text)
  return text:match('^<a name="([%w_%-]+)">%s*</a>$') or text:match('^<a name="([%w_%-]+)">$')
end

-- A chart as a picture of the package: into it under a short name (the writers would copy a
-- data: URL into the XML), at the text width, or shorter when that would make it taller than
-- a page holds (MAX_HEIGHT, inches, with its title and caption).
local TEXT_WIDTH, MAX_HEIGHT = 6.85, 8.3

local function picture(el, data)
  local mime, contents = pandoc.mediabag.fetch(data)
  pictures = pictures + 1
  local image = pandoc.Image(el.caption, string.format("chart%d.png", pictures), stringify(el.caption))
  pandoc.mediabag.insert(image.src, mime, contents)
  local w = string.unpack(">I4", contents, 17)
  local h = string.unpack(">I4", contents, 21)
  if w > 0 and TEXT_WIDTH * h / w > MAX_HEIGHT then
    image.attributes.height = string.format("%.2fin", MAX_HEIGHT)
    image.attributes.width = string.format("%.2fin", MAX_HEIGHT * w / h)
  else
    image.attributes.width = "100%"
  end
  return image
end

-- Nothing raw reaches the writer: a template's <br> is a line break, its anchors are
-- bookmarks, anything else is text (answers never get here raw: the Markdown escapes them).
local literal = {
  RawInline = function(el)
    if el.format == "html" then
      if el.text:match("^<[bB][rR]%s*/?>$") then
        return pandoc.LineBreak()
      end
      local name = anchor(el.text)
      if name then
        return pandoc.Span({}, { id = name })
      end
      local bar = blocks_of.gauge(el.text)
      if bar then
        return bar
      end
      if el.text == "</a>" then
        return {}
      end
    end
    return pandoc.Str(el.text)
  end,
  RawBlock = function(el)
    local name = el.format == "html" and anchor(el.text)
    if name then
      return pandoc.Div({}, { id = name })
    end
    return pandoc.Para({ pandoc.Str(el.text) })
  end,
  Link = function(el)
    local target = el.target
    if target:match("^https?://") or target:match("^mailto:") or target:match("^#") then
      return nil
    end
    return el.content -- a link to a file (or to anything else) keeps only its text
  end,
  Image = function(el)
    if not el.src:match("^data:image/png;base64,") then
      return el.caption -- only our own charts are pictures; nothing is fetched
    end
    -- a chart drawn in parts (chartkit.stacked) comes as one data: URL after the other: a
    -- picture each, on lines of their own, which a page may break between
    local out, prefix, at = pandoc.List(), "data:image/png;base64,", 1
    while at do
      local after = el.src:find(prefix, at + #prefix, true)
      if #out > 0 then
        out:insert(pandoc.LineBreak())
      end
      out:insert(picture(el, el.src:sub(at, after and after - 1 or #el.src)))
      at = after
    end
    return out
  end,
}

-- A header row of empty cells (a key–value table in Markdown) is no header at all.
local function headless(tbl)
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      if stringify(cell.contents) ~= "" then
        return tbl
      end
    end
  end
  tbl.head.rows = pandoc.List()
  return tbl
end

-- Column widths as a browser lays out a table (CSS automatic layout), counted in characters:
-- each column gets at least its longest word (a number with its unit never breaks, as it holds
-- no-break spaces), and what is left of the line is shared in proportion to how much more each
-- column's longest cell needs. Pandoc alone would give every column the same width.
local LINE = 100 -- characters of table text across the text width of an A4 page
local PADDING = 3 -- the cell's margins, in characters

local function measure_cell(text, sizes, scale)
  local length = utf8.len(text) or #text
  sizes.max = math.max(sizes.max, length * scale)
  for word in text:gmatch("[^ ]+") do -- only ordinary spaces break a line
    sizes.min = math.max(sizes.min, (utf8.len(word) or #word) * scale)
  end
end

local function widths(tbl)
  local columns = {}
  for i = 1, #tbl.colspecs do
    columns[i] = { min = 1, max = 1 }
  end
  local function measure(rows, scale)
    for _, row in ipairs(rows) do
      local column = 1
      for _, cell in ipairs(row.cells) do
        if columns[column] and (cell.col_span or 1) == 1 then
          local bold, bar = false, ""
          pandoc.Div(cell.contents):walk({
            Strong = function() bold = true end,
            RawInline = function() bar = "gaugegaug" end, -- a gauge, as wide as 9 letters
          })
          measure_cell(bar .. stringify(cell.contents), columns[column], bold and 1.2 or scale)
        end
        column = column + (cell.col_span or 1)
      end
    end
  end
  measure(tbl.head.rows, 1.2) -- bold
  for _, body in ipairs(tbl.bodies) do
    measure(body.body, 1.05)
  end
  measure(tbl.foot.rows, 1.2)
  -- a column that cannot wrap (ids, amounts, dates) keeps its width; the others share the rest
  local fixed, min_total, max_total = 0, 0, 0
  for _, c in ipairs(columns) do
    c.min, c.max = c.min + PADDING, c.max + PADDING
    if c.max <= c.min then
      fixed = fixed + c.max
    else
      min_total, max_total = min_total + c.min, max_total + c.max
    end
  end
  local room = LINE - fixed
  local chosen, total = {}, 0
  for i, c in ipairs(columns) do
    if c.max <= c.min then
      chosen[i] = c.max
    elseif max_total <= room then
      chosen[i] = c.max
    elseif min_total >= room then
      chosen[i] = c.min
    else
      chosen[i] = c.min + (c.max - c.min) * (room - min_total) / (max_total - min_total)
    end
    total = total + chosen[i]
  end
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = { spec[1], chosen[i] / total }
  end
  return tbl
end

local function docx_toc(title, entries)
  local out = {
    '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>',
    "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>",
    '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">',
    xml(title),
    "</w:t></w:r></w:p>",
  }
  for i, entry in ipairs(entries) do
    table.insert(out, '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>')
    if i == 1 then -- the field starts in the first entry, as Word writes it; dirty: Word updates it
      table.insert(out, '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>')
      table.insert(out, '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>')
      table.insert(out, '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    end
    table.insert(out, '<w:hyperlink w:anchor="' .. entry.id .. '" w:history="1">')
    table.insert(out, '<w:r><w:t xml:space="preserve">' .. xml(entry.title) .. "</w:t></w:r>")
    table.insert(out, "<w:r><w:tab/></w:r>")
    table.insert(out, '<w:r><w:fldChar w:fldCharType="begin"/></w:r>')
    table.insert(out, '<w:r><w:instrText xml:space="preserve"> PAGEREF ' .. entry.id .. " \\h </w:instrText></w:r>")
    table.insert(out, '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    table.insert(out, '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    table.insert(out, "</w:hyperlink></w:p>")
  end
  table.insert(out, '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
  table.insert(out, "</w:sdtContent></w:sdt>")
  return pandoc.RawBlock("openxml", table.concat(out))
end

local function odt_toc(title, entries)
  local out = {
    '<text:table-of-content text:protected="true" text:name="Contents">',
    '<text:table-of-content-source text:outline-level="1" text:use-index-marks="false">',
    '<text:index-title-template text:style-name="Contents_20_Heading">',
    xml(title),
    "</text:index-title-template>",
    '<text:table-of-content-entry-template text:outline-level="1" text:style-name="Contents_20_1">',
    '<text:index-entry-link-start text:style-name="Index_20_Link"/><text:index-entry-text/>',
    '<text:index-entry-tab-stop style:type="right" style:leader-char="."/>',
    "<text:index-entry-page-number/><text:index-entry-link-end/>",
    "</text:table-of-content-entry-template></text:table-of-content-source><text:index-body>",
    '<text:index-title text:name="Contents_Head"><text:p text:style-name="Contents_20_Heading">',
    xml(title),
    "</text:p></text:index-title>",
  }
  for _, entry in ipairs(entries) do
    table.insert(out, '<text:p text:style-name="Contents_20_1">')
    table.insert(out, '<text:a xlink:type="simple" xlink:href="#' .. entry.id
      .. '" text:style-name="Index_20_Link" text:visited-style-name="Index_20_Link">')
    table.insert(out, xml(entry.title) .. "<text:tab/>")
    -- a page reference LibreOffice computes as it lays the document out
    table.insert(out, '<text:bookmark-ref text:reference-format="page" text:ref-name="' .. entry.id .. '"/>')
    table.insert(out, "</text:a></text:p>")
  end
  table.insert(out, "</text:index-body></text:table-of-content>")
  return pandoc.RawBlock("opendocument", table.concat(out))
end


local function pictures_only(block)
  for _, inline in ipairs(block.content) do
    if inline.t ~= "Image" and inline.t ~= "LineBreak" then
      return false
    end
  end
  return true
end

local function page_break()
  if FORMAT == "docx" then
    return pandoc.RawBlock("openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
  end
  return pandoc.RawBlock("opendocument", '<text:p text:style-name="CocoBreak"/>')
end

function Pandoc(doc)
  doc = doc:walk(literal)
  local blocks, meta = doc.blocks, doc.meta
  local body = pandoc.List()
  local i = 1
  -- the title page: the first heading, and the paragraph under it
  while i <= #blocks and not (blocks[i].t == "Header" and blocks[i].level == 1) do
    body:insert(blocks[i])
    i = i + 1
  end
  if i <= #blocks then
    meta.title = pandoc.MetaInlines(blocks[i].content)
    i = i + 1
    if i <= #blocks and blocks[i].t == "Para" then
      meta.subtitle = pandoc.MetaInlines(blocks[i].content)
      i = i + 1
    end
  end
  -- sections up one level; each section gets a bookmark the contents can point to
  local sections, contents_at = {}, nil
  while i <= #blocks do
    local block = blocks[i]
    local mark = blocks_of.marker(block)
    if (mark == "cover-figures" or mark == "key-figures") and blocks[i + 1] and blocks[i + 1].t == "Table" then
      local tbl = blocks[i + 1]
      if mark == "cover-figures" then -- the cover's figures stand apart from its facts
        body:insert(FORMAT == "docx"
          and pandoc.RawBlock("openxml", '<w:p><w:pPr><w:spacing w:before="360" w:after="0"/></w:pPr></w:p>')
          or pandoc.RawBlock("opendocument", '<text:p text:style-name="Standard"/>'))
      end
      local cards = mark == "cover-figures" and blocks_of.cover_cards(tbl)
        or blocks_of.key_cards(tbl, settings.cards)
      body:insert(blocks_of.make_cards(cards))
      i = i + 1
    elseif mark == "reading-guide" then
      local guide_blocks = pandoc.List()
      while blocks[i + 1] and blocks[i + 1].t == "Para" do
        guide_blocks:insert(blocks[i + 1])
        i = i + 1
      end
      body:extend(blocks_of.guide(guide_blocks))
    elseif block.t == "Header" then
      block.level = math.max(1, block.level - 1)
      if block.level == 1 then
        local title = stringify(block.content)
        local next_block = blocks[i + 1]
        if contents_at == nil and title == settings.contents and next_block and next_block.t == "OrderedList" then
          contents_at = #body + 1
          body:insert(pandoc.Plain({}))
          i = i + 1 -- the list itself is replaced by the field
        else
          if #sections == 0 and contents_at then
            body:insert(page_break()) -- the sections start on the page after the contents
          end
          block.identifier = string.format("section%02d", #sections + 1)
          table.insert(sections, { id = block.identifier, title = title })
          body:insert(block)
        end
      else
        body:insert(block)
      end
    elseif block.t == "Table" then
      body:insert(widths(headless(block)))
    elseif block.t == "Para" and #block.content > 1 and pictures_only(block) then
      for _, inline in ipairs(block.content) do -- a chart's parts: a paragraph each
        if inline.t == "Image" then
          body:insert(pandoc.Para({ inline }))
        end
      end
    else
      body:insert(block)
    end
    i = i + 1
  end
  if contents_at then
    local make = FORMAT == "docx" and docx_toc or odt_toc
    body[contents_at] = make(settings.contents, sections)
  end
  return pandoc.Pandoc(body, meta)
end
