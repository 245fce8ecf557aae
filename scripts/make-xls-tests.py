#!/usr/bin/env python3
"""Builds the hand-made XLS inputs of tests/data/ (xls-*.xls, wps-*.wps):
BIFF8 workbooks written record by record, in a minimal OLE2 container, so
that each record kind the reader knows appears in a known place:

  xls-records.xls   a shared string split across CONTINUE records (Latin-1
                    then UTF-16 after the break), a rich-text run table
                    split across one, a phonetic extension; RK, MULRK,
                    NUMBER in a percent and a "0.00" format, a formula's
                    string and number results, BOOLERR, LABEL; a merge, a
                    hidden row, a hidden column, a hidden sheet, two
                    visible sheets
  xls-truncated.xls the OLE2 file above cut in half
  xls-cut-stream.xls a whole OLE2 file whose Workbook stream ends inside a
                    record of its last sheet
  xls-encrypted.xls a FILEPASS record after the globals' BOF
  xls-shared-sheet.xls three BOUNDSHEETs naming one sheet's records
  xls-biff5.xls     an Excel 5.0/95 workbook ("Book" stream)
  xls-no-workbook.xls an OLE2 file with no workbook stream
  wps-doc.wps       an OLE2 file with a WordDocument stream (WPS Writer)
                    whose text says "Workbook"

Only the Python standard library is used; the output is byte for byte the
same on every run. Run from the repository root:
    python3 scripts/make-xls-tests.py
"""
import struct

OUT = 'tests/data/'
SECTOR = 512
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def cfb(streams):
    """An OLE2 file (version 3, 512-byte sectors) holding the (name, bytes)
    streams at its root. Streams must be 4096 bytes or more (no mini
    stream); shorter ones are padded with zeros."""
    streams = [(n, d + b'\0' * max(0, 4096 - len(d))) for n, d in streams]
    nsec = [(len(d) + SECTOR - 1) // SECTOR for _, d in streams]
    ndir = (len(streams) + 1 + 3) // 4
    nfat = 1
    while nfat * (SECTOR // 4) < nfat + ndir + sum(nsec):
        nfat += 1
    fat = [FATSECT] * nfat
    dir_start = len(fat)
    fat += [dir_start + i + 1 for i in range(ndir - 1)] + [END]
    starts = []
    for n in nsec:
        s = len(fat)
        starts.append(s)
        fat += [s + i + 1 for i in range(n - 1)] + [END]
    fat += [FREE] * (nfat * SECTOR // 4 - len(fat))

    def entry(name, kind, child, right, start, size):
        u = name.encode('utf-16le') + b'\0\0'
        return (u.ljust(64, b'\0') + struct.pack('<HBBIII', len(u), kind, 1, FREE, right, child)
                + b'\0' * 36 + struct.pack('<IQ', start, size))

    ents = [entry('Root Entry', 5, 1 if streams else FREE, FREE, END, 0)]
    for i, (name, data) in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else FREE
        ents.append(entry(name, 2, FREE, right, starts[i], len(data)))
    dirb = b''.join(ents).ljust(ndir * SECTOR, b'\0')
    hdr = (b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + b'\0' * 16 +
           struct.pack('<HHHHH', 0x3E, 3, 0xFFFE, 9, 6) + b'\0' * 6 +
           struct.pack('<IIIIIIIII', 0, nfat, dir_start, 0, 4096, END, 0, END, 0) +
           struct.pack('<109I', *(list(range(nfat)) + [FREE] * (109 - nfat))))
    body = struct.pack('<%dI' % len(fat), *fat) + dirb
    for _, data in streams:
        body += data.ljust((len(data) + SECTOR - 1) // SECTOR * SECTOR, b'\0')
    return hdr + body


def rec(kind, body=b''):
    return struct.pack('<HH', kind, len(body)) + body


def ustr(s, short=False):
    """An XLUnicodeString (ShortXLUnicodeString when short)."""
    try:
        chars, flags = s.encode('latin-1'), 0
    except UnicodeEncodeError:
        chars, flags = s.encode('utf-16le'), 1
    return struct.pack('<BB' if short else '<HB', len(s), flags) + chars


def bof(dt, vers=0x0600):
    return rec(0x0809, struct.pack('<HHHHII', vers, dt, 0x0DBB, 0x07CC, 0, 0x0006))


def rk_int(n):
    return (n << 2) | 2


def rk_int100(n):
    return (n << 2) | 3


def rk_float(v):
    return struct.unpack('<Q', struct.pack('<d', v))[0] >> 32 & 0xFFFFFFFC


def sst():
    """The SST with its CONTINUE records (MS-XLS 2.4.265)."""
    head = struct.pack('<II', 8, 4)
    s0 = ustr('项目名称')
    # s1: 12 Latin-1 characters here, the rest in the CONTINUE (flags 1: UTF-16)
    part1 = 'Budget 2023 '
    part2 = '项目资金'
    s1a = struct.pack('<HB', len(part1) + len(part2), 0) + part1.encode('latin-1')
    s1b = b'\x01' + part2.encode('utf-16le')
    # s2: rich text, 2 runs; the run table is split by the next CONTINUE
    text2 = '预算执行率'
    s2 = struct.pack('<HBH', len(text2), 0x09, 2) + text2.encode('utf-16le')
    runs = struct.pack('<HHHH', 0, 1, 2, 0)
    # s3: a phonetic extension of 10 bytes
    text3 = '满意度'
    s3 = struct.pack('<HBi', len(text3), 0x05, 10) + text3.encode('utf-16le') + b'\x55' * 10
    return (rec(0x00FC, head + s0 + s1a) + rec(0x003C, s1b + s2 + runs[:3]) +
            rec(0x003C, runs[3:] + s3))


def cell(kind, row, col, xf, body):
    return rec(kind, struct.pack('<HHH', row, col, xf) + body)


def sheet1():
    out = [bof(0x0010)]
    out.append(rec(0x007D, struct.pack('<HHHHHH', 4, 4, 2048, 0, 1, 0)))  # column E hidden
    out.append(rec(0x0208, struct.pack('<HHHHHHI', 3, 0, 1, 255, 0, 0, 0x20 | 0x100)))  # row 4 hidden
    out.append(cell(0x00FD, 0, 0, 0, struct.pack('<I', 0)))         # 项目名称, merged A1:B1
    out.append(cell(0x0204, 0, 2, 0, ustr('合计')))
    out.append(cell(0x00FD, 1, 0, 0, struct.pack('<I', 1)))         # the CONTINUE string
    out.append(cell(0x027E, 1, 1, 0, struct.pack('<I', rk_int(42))))
    out.append(cell(0x0203, 1, 2, 1, struct.pack('<d', 0.9836)))  # 0.00%
    out.append(rec(0x00BD, struct.pack('<HH', 2, 0) +
                   struct.pack('<HI', 0, rk_int(8)) +
                   struct.pack('<HI', 2, rk_int100(1055)) +
                   struct.pack('<HI', 0, rk_float(0.5)) + struct.pack('<H', 2)))
    out.append(cell(0x0204, 3, 0, 0, ustr('隐藏行')))
    # a formula with a string result: its text in the STRING record after it
    out.append(cell(0x0006, 4, 0, 0, b'\x00\x00\x00\x00\x00\x00\xFF\xFF' +
                    struct.pack('<HIH', 0, 0, 0)))
    out.append(rec(0x0207, ustr('公式结果')))
    out.append(cell(0x0006, 4, 1, 2, struct.pack('<d', 12.5) + struct.pack('<HIH', 0, 0, 0)))
    out.append(cell(0x0205, 4, 2, 0, b'\x01\x00'))
    out.append(cell(0x00FD, 4, 3, 0, struct.pack('<I', 2)))
    out.append(cell(0x0204, 4, 4, 0, ustr('隐藏列')))
    out.append(cell(0x00FD, 5, 0, 0, struct.pack('<I', 3)))
    out.append(cell(0x0203, 5, 1, 2, struct.pack('<d', 10.549999999999999)))
    out.append(cell(0x0205, 5, 2, 0, b'\x07\x01'))                 # #DIV/0!
    out.append(rec(0x00E5, struct.pack('<HHHHH', 1, 0, 0, 0, 1)))  # A1:B1
    out.append(rec(0x000A))
    return b''.join(out)


def simple_sheet(text, number):
    return b''.join([bof(0x0010), cell(0x0204, 0, 0, 0, ustr(text)),
                     cell(0x027E, 0, 1, 0, struct.pack('<I', rk_int(number))), rec(0x000A)])


def workbook(sheets, extra_globals=b'', shared=False):
    """The Workbook stream: globals (formats, XFs, BOUNDSHEETs, SST), then
    the sheets (name, hidden, bytes); shared: every BOUNDSHEET names the
    first sheet's offset."""
    def globals_(offsets):
        # a record no reader knows, so that the stream needs no mini stream
        g = [bof(0x0005), extra_globals, rec(0x0ABC, b'\0' * 4096),
             rec(0x0042, struct.pack('<H', 1200)),
             rec(0x0022, struct.pack('<H', 0)),
             rec(0x041E, struct.pack('<H', 164) + ustr('0.00'))]
        for fmt in (0, 10, 164):  # XF 0 General, 1 0.00%, 2 0.00
            g.append(rec(0x00E0, struct.pack('<HH', 0, fmt) + b'\0' * 16))
        for (name, hidden, _), off in zip(sheets, offsets):
            g.append(rec(0x0085, struct.pack('<IBB', off, 1 if hidden else 0, 0) +
                         ustr(name, short=True)))
        g += [sst(), rec(0x000A)]
        return b''.join(g)
    size = len(globals_([0] * len(sheets)))
    offsets = []
    for _, _, data in sheets:
        offsets.append(offsets[0] if shared and offsets else size)
        size += len(data)
    return globals_(offsets) + b''.join(d for _, _, d in sheets)


def main():
    sheets = [('表1', False, sheet1()), ('隐藏', True, simple_sheet('hidden sheet text', 1)),
              ('表2', False, simple_sheet('第二张表', 7))]
    wb = workbook(sheets)
    good = cfb([('Workbook', wb)])
    files = {
        'xls-records.xls': good,
        'xls-truncated.xls': good[:len(good) // 2],
        # the stream ends 3 bytes into the last record of its last sheet
        'xls-cut-stream.xls': cfb([('Workbook', wb[:-11])]),
        'xls-encrypted.xls': cfb([('Workbook', workbook(sheets, rec(0x002F, b'\x01\x00' + b'\0' * 52)))]),
        'xls-shared-sheet.xls': cfb([('Workbook', workbook(sheets[:1] * 3, shared=True))]),
        'xls-biff5.xls': cfb([('Book', bof(0x0005, 0x0500) + rec(0x000A))]),
        'xls-no-workbook.xls': cfb([('Contents', b'not a workbook')]),
        # its text names a Workbook (UTF-16, as Word keeps text): the directory decides
        'wps-doc.wps': cfb([('WordDocument', b'\xEC\xA5' + b'\0' * 30 +
                             'see the Workbook'.encode('utf-16le'))]),
    }
    for name, data in files.items():
        with open(OUT + name, 'wb') as fh:
            fh.write(data)


if __name__ == '__main__':
    main()
