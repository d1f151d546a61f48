--[[ The blocks of the Word and LibreOffice roadmaps that pandoc has no element for, as the
word processor's own XML: the cards of the cover's and « L'essentiel »'s figures, the reading
guide's box, the pressure bars. Required by office.lua (pandoc runs it with --sandbox: this file
is read from beside it, nothing else).

Each comes from the roadmap's Markdown, escaped as text: a template's marker (an anchor before
the cover's figures, the key figures and the guide; `<x-gauge value="81" kind="needs"/>` in a
table cell, written for pandoc only) says what the following table or paragraphs are.
]]

local M = {}
local stringify = pandoc.utils.stringify

local function xml(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

-- A pressure, a tension or a share out of 100 as a small bar before its figure, as the PDF
-- draws it: GAUGE_STEPS shaded figure spaces (which never break a line), the value's part in
-- its colour, the rest in the track's (`<x-gauge value="81" kind="needs"/>`).
local GAUGE_STEPS = 10
local GAUGE_COLOURS = { needs = "D1543A", [""] = "1F7A80" }

function M.gauge(text)
  local value, kind = text:match('^<x%-gauge value="(%d+)" kind="(%w*)"%s*/>$')
  if not value then
    return nil
  end
  local filled = math.max(0, math.min(GAUGE_STEPS, math.floor(tonumber(value) * GAUGE_STEPS / 100 + 0.5)))
  local spaces = function(n) return string.rep("\u{2007}", n) end -- figure spaces: no break
  kind = GAUGE_COLOURS[kind] and kind or ""
  if FORMAT == "docx" then
    local function run(n, fill)
      return '<w:r><w:rPr><w:sz w:val="13"/><w:shd w:val="clear" w:color="auto" w:fill="' .. fill
        .. '"/></w:rPr><w:t xml:space="preserve">' .. spaces(n) .. "</w:t></w:r>"
    end
    return pandoc.RawInline("openxml", (filled > 0 and run(filled, GAUGE_COLOURS[kind]) or "")
      .. (filled < GAUGE_STEPS and run(GAUGE_STEPS - filled, "E6E9EE") or "")
      .. '<w:r><w:t xml:space="preserve">\u{a0}</w:t></w:r>') -- the figure on the same line
  end
  local function span(n, style)
    return '<text:span text:style-name="' .. style .. '">' .. spaces(n) .. "</text:span>"
  end
  return pandoc.RawInline("opendocument", (filled > 0 and span(filled, "CocoGauge" .. kind) or "")
    .. (filled < GAUGE_STEPS and span(GAUGE_STEPS - filled, "CocoGaugeTrack") or "") .. "\u{a0}")
end

-- --- cards: the cover's headline figures and « L'essentiel »'s key figures --------------------
-- A row of cards as the PDF draws them: a shaded block under a coloured rule, the figure large,
-- its label and note small; a table (so they sit side by side in Word and LibreOffice alike),
-- four to a row, with narrow empty columns as the gaps between them.
local COLOURS = {
  needs = "D1543A", money = "2F5D8C", plan = "D99A2B", results = "3A7D5C", cover = "12413F",
}
local PER_ROW = 4
local TEXT_TWIPS = 9864 -- A4 less 18 mm margins, in twentieths of a point
local GAP_TWIPS = 144

local function card_rows(cards)
  local rows, row = {}, {}
  for _, card in ipairs(cards) do
    table.insert(row, card)
    if #row == PER_ROW then
      table.insert(rows, row)
      row = {}
    end
  end
  if #row > 0 then
    table.insert(rows, row)
  end
  return rows
end

local function docx_run(text, size, colour, bold, italic)
  return "<w:r><w:rPr>" .. (bold and "<w:b/><w:bCs/>" or "") .. (italic and "<w:i/><w:iCs/>" or "")
    .. '<w:color w:val="' .. colour .. '"/><w:sz w:val="' .. math.floor(size * 2) .. '"/>'
    .. '<w:szCs w:val="' .. math.floor(size * 2) .. '"/></w:rPr><w:t xml:space="preserve">'
    .. xml(text) .. "</w:t></w:r>"
end

local function docx_para(run, before)
  return '<w:p><w:pPr><w:spacing w:before="' .. before .. '" w:after="0" w:line="252" '
    .. 'w:lineRule="auto"/></w:pPr>' .. run .. "</w:p>"
end

local function docx_cards(cards)
  local card_w = math.floor((TEXT_TWIPS - GAP_TWIPS * (PER_ROW - 1)) / PER_ROW)
  local out = {
    '<w:tbl><w:tblPr><w:tblW w:w="' .. TEXT_TWIPS .. '" w:type="dxa"/><w:tblLayout w:type="fixed"/>',
    '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>',
    '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>',
    '<w:tblCellMar><w:top w:w="100" w:type="dxa"/><w:left w:w="140" w:type="dxa"/>',
    '<w:bottom w:w="110" w:type="dxa"/><w:right w:w="120" w:type="dxa"/></w:tblCellMar>',
    '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>',
  }
  for i = 1, PER_ROW do
    table.insert(out, '<w:gridCol w:w="' .. card_w .. '"/>')
    if i < PER_ROW then
      table.insert(out, '<w:gridCol w:w="' .. GAP_TWIPS .. '"/>')
    end
  end
  table.insert(out, "</w:tblGrid>")
  local empty = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'
  for r, row in ipairs(card_rows(cards)) do
    if r > 1 then -- the gap between two rows of cards
      table.insert(out, '<w:tr><w:trPr><w:trHeight w:val="144" w:hRule="exact"/></w:trPr>')
      for i = 1, 2 * PER_ROW - 1 do
        table.insert(out, '<w:tc><w:tcPr><w:tcMar><w:top w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/></w:tcMar></w:tcPr>' .. empty .. "</w:tc>")
      end
      table.insert(out, "</w:tr>")
    end
    table.insert(out, "<w:tr>")
    for i = 1, PER_ROW do
      local card = row[i]
      if card then
        local value_size = utf8.len(card.value) > 10 and 13 or 17
        table.insert(out, '<w:tc><w:tcPr><w:tcW w:w="' .. card_w .. '" w:type="dxa"/><w:tcBorders>'
          .. '<w:top w:val="single" w:sz="18" w:space="0" w:color="' .. (COLOURS[card.kind] or "1F7A80") .. '"/>'
          .. '</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="F3F1EC"/></w:tcPr>')
        table.insert(out, docx_para(docx_run(card.value, value_size, "12413F", true), 0))
        table.insert(out, docx_para(docx_run(card.label, 8, "5D6675"), 60))
        if card.note and card.note ~= "" then
          table.insert(out, docx_para(docx_run(card.note, 7.5, "5D6675", false, true), 40))
        end
        table.insert(out, "</w:tc>")
      else
        table.insert(out, '<w:tc><w:tcPr><w:tcW w:w="' .. card_w .. '" w:type="dxa"/></w:tcPr>' .. empty .. "</w:tc>")
      end
      if i < PER_ROW then
        table.insert(out, '<w:tc><w:tcPr><w:tcW w:w="' .. GAP_TWIPS .. '" w:type="dxa"/></w:tcPr>' .. empty .. "</w:tc>")
      end
    end
    table.insert(out, "</w:tr>")
  end
  table.insert(out, "</w:tbl>")
  return pandoc.RawBlock("openxml", table.concat(out))
end

-- LibreOffice: the styles named here (Coco…) are written into the document by office_pages.py
local cards_made = 0
local function odt_cards(cards)
  cards_made = cards_made + 1
  local out = {
    '<table:table table:name="Cards' .. cards_made .. '" table:style-name="CocoCards">',
  }
  for i = 1, PER_ROW do
    table.insert(out, '<table:table-column table:style-name="CocoCardColumn"/>')
    if i < PER_ROW then
      table.insert(out, '<table:table-column table:style-name="CocoGapColumn"/>')
    end
  end
  local empty = '<table:table-cell office:value-type="string"><text:p text:style-name="CocoTiny"/></table:table-cell>'
  for r, row in ipairs(card_rows(cards)) do
    if r > 1 then
      table.insert(out, '<table:table-row table:style-name="CocoGapRow">' .. string.rep(empty, 2 * PER_ROW - 1) .. "</table:table-row>")
    end
    table.insert(out, '<table:table-row table:style-name="CocoRow">')
    for i = 1, PER_ROW do
      local card = row[i]
      if card then
        local value_style = utf8.len(card.value) > 10 and "CocoCardValueLong" or "CocoCardValue"
        table.insert(out, '<table:table-cell table:style-name="CocoCard' .. (COLOURS[card.kind] and card.kind or "") .. '" office:value-type="string">')
        table.insert(out, '<text:p text:style-name="' .. value_style .. '">' .. xml(card.value) .. "</text:p>")
        table.insert(out, '<text:p text:style-name="CocoCardLabel">' .. xml(card.label) .. "</text:p>")
        if card.note and card.note ~= "" then
          table.insert(out, '<text:p text:style-name="CocoCardNote">' .. xml(card.note) .. "</text:p>")
        end
        table.insert(out, "</table:table-cell>")
      else
        table.insert(out, empty)
      end
      if i < PER_ROW then
        table.insert(out, empty)
      end
    end
    table.insert(out, "</table:table-row>")
  end
  table.insert(out, "</table:table>")
  return pandoc.RawBlock("opendocument", table.concat(out))
end

function M.make_cards(cards)
  return FORMAT == "docx" and docx_cards(cards) or odt_cards(cards)
end

-- The cover's table: a row of figures over a row of labels.
function M.cover_cards(tbl)
  local cards = {}
  local heads = tbl.head.rows[1] and tbl.head.rows[1].cells or {}
  local labels = tbl.bodies[1] and tbl.bodies[1].body[1] and tbl.bodies[1].body[1].cells or {}
  for i, cell in ipairs(heads) do
    table.insert(cards, {
      value = stringify(cell.contents),
      label = labels[i] and stringify(labels[i].contents) or "",
      kind = "cover",
    })
  end
  return cards
end

-- « L'essentiel »'s table: a figure, then its label — _its note_, a row each.
function M.key_cards(tbl, kinds)
  local cards = {}
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      local value, label, note = row.cells[1], row.cells[2], nil
      local inlines = pandoc.List()
      for _, block in ipairs(label and label.contents or {}) do
        inlines:extend(block.content or {})
      end
      if #inlines > 0 and inlines[#inlines].t == "Emph" then
        note = stringify(inlines[#inlines])
        inlines:remove(#inlines)
      end
      local text = stringify(inlines):gsub("%s*—%s*$", "")
      table.insert(cards, {
        value = value and stringify(value.contents) or "",
        label = text,
        note = note,
        kind = (kinds or {})[#cards + 1] or "",
      })
    end
  end
  return cards
end

-- A template's marker: a paragraph holding only an anchor (`<a name="key-figures"></a>`).
function M.marker(block)
  if block and (block.t == "Para" or block.t == "Plain") and #block.content == 1
    and block.content[1].t == "Span" and #block.content[1].content == 0 then
    return block.content[1].identifier
  end
  return nil
end

-- The reading guide: its paragraphs in the « Reading Guide » style (a shaded box), its title
-- in « Reading Guide Title ».
function M.guide(blocks)
  local out = pandoc.List()
  for n, block in ipairs(blocks) do
    local style = n == 1 and "Reading Guide Title" or "Reading Guide"
    local content = block.content or {}
    if n == 1 and #content == 1 and content[1].t == "Strong" then
      content = content[1].content
    end
    out:insert(pandoc.Div({ pandoc.Para(content) }, { ["custom-style"] = style }))
  end
  return out
end

return M
