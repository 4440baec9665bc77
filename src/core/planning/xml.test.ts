import { describe, expect, it } from 'vitest';
import { escapeXml, parseXml, xmlChild, xmlText } from './xml.ts';

describe('the guarded XML parser', () => {
  it('reads elements, text, CDATA, comments and processing instructions, dropping prefixes', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-16"?>\n<!-- made by hand -->\n<p:Project xmlns:p="urn:x" a="1">\n  <Name>R&amp;D &lt;2&gt; &quot;x&quot; &apos;y&apos; &#233;&#xE9;</Name>\n  <Notes><![CDATA[<b>raw</b> & co]]></Notes>\n  <Empty/>\n</p:Project>',
    );
    expect(root.name).toBe('Project');
    expect(root.attributes).toEqual({ 'xmlns:p': 'urn:x', a: '1' });
    expect(xmlText(root, 'Name')).toBe('R&D <2> "x" \'y\' éé');
    expect(xmlText(root, 'Notes')).toBe('<b>raw</b> & co');
    expect(xmlChild(root, 'Empty')).toMatchObject({ name: 'Empty', line: 6 });
    expect(xmlChild(root, 'Name')!.line).toBe(4);
  });

  it('reads text that was UTF-16 once decoded (astral characters included)', () => {
    expect(xmlText(parseXml('<a><b>Équipe 🚀 &#x1F680;</b></a>'), 'b')).toBe('Équipe 🚀 🚀');
  });

  it.each([
    [
      'a DOCTYPE',
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x/>',
      'UNSAFE_XML',
      'line 2',
    ],
    ['an ENTITY declaration', '<x>\n<!ENTITY a "b">\n</x>', 'UNSAFE_XML', 'line 2'],
    ['an unknown entity', '<x>\n\n<y>&nbsp;</y></x>', 'INVALID_FILE', 'line 3'],
    ['a bare ampersand', '<x>AT&T</x>', 'INVALID_FILE', 'line 1'],
    ['a mismatched end tag', '<x>\n<y></z></x>', 'INVALID_FILE', 'line 2'],
    ['an unclosed element', '<x>\n<y>', 'INVALID_FILE', '<y>'],
    ['two roots', '<x/><y/>', 'INVALID_FILE', 'second root'],
    ['an empty document', '  ', 'INVALID_FILE', 'no root'],
  ])('refuses %s', (_what, xml, code, text) => {
    expect(() => parseXml(xml)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(text) }),
    );
  });

  it('refuses documents over the size limit and nesting over the depth limit', () => {
    expect(() => parseXml('<x>0123456789</x>', { maxLength: 10 })).toThrow(
      expect.objectContaining({ code: 'FILE_TOO_LARGE' }),
    );
    expect(() => parseXml('<a><a><a><a></a></a></a></a>', { maxDepth: 3 })).toThrow(
      expect.objectContaining({ code: 'INVALID_FILE', message: expect.stringContaining('deeper') }),
    );
  });

  it('escapes the five special characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">R&D 'q'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;R&amp;D &apos;q&apos;&lt;/a&gt;',
    );
    expect(xmlText(parseXml(`<x><y>${escapeXml('<&>"\'')}</y></x>`), 'y')).toBe('<&>"\'');
  });
});
