//! The size in pixels an image is shown at, read from its file, so that authors may leave
//! `width` and `height` out for the site's own images. A photo from a phone is stored
//! sideways with an EXIF orientation that every browser applies, so its stored size is
//! not the shown one: the orientation is read too.

use std::io::Read;
use std::path::Path;

/// The size in pixels of the image file at `path`, for an image written without `width`
/// and `height`: from the header of a PNG, JPEG, GIF, WebP, AVIF or other raster file
/// (a JPEG's EXIF orientation turning it a quarter turn swaps the two, as browsers show
/// it), from an SVG's `width` and `height` in pixels, else its `viewBox`. The error says
/// why not, for a message that asks for the two numbers instead.
pub fn read_size(path: &Path) -> Result<(u32, u32), String> {
    let svg = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let size = if svg {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it ({e})"))?;
        svg_size(&text)?
    } else {
        let size = imagesize::size(path).map_err(|e| match e {
            imagesize::ImageError::IoError(e) => format!("cannot read it ({e})"),
            _ => "it is no image file careerpress can read the size of".to_string(),
        })?;
        let size = (u32::try_from(size.width).unwrap_or(0), u32::try_from(size.height).unwrap_or(0));
        match jpeg_head(path) {
            Ok(head) if quarter_turned(&head) => (size.1, size.0),
            _ => size,
        }
    };
    match size {
        (0, _) | (_, 0) => Err("its header gives no size".into()),
        size => Ok(size),
    }
}

/// Where a JPEG's EXIF block is: the Exif standard puts it right after the first marker
/// (or after a JFIF header), and a segment is at most 64 KiB.
const EXIF_BYTES: u64 = 256 * 1024;

/// The start of the file at `path` where its EXIF block can be, when it is a JPEG; empty
/// for any other file, of which only the first two bytes are read.
fn jpeg_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let mut head = vec![0; 2];
    if file.read_exact(&mut head).is_err() || head != [0xFF, 0xD8] {
        return Ok(Vec::new());
    }
    file.take(EXIF_BYTES - 2).read_to_end(&mut head)?;
    Ok(head)
}

/// Whether a JPEG's EXIF orientation (5 to 8) turns it a quarter turn to show it.
fn quarter_turned(jpeg: &[u8]) -> bool {
    matches!(jpeg_orientation(jpeg), Some(5..=8))
}

/// The EXIF orientation (1 to 8) of the JPEG starting `bytes`, from the first APP1
/// segment holding EXIF, looked for among the segments before the image data.
fn jpeg_orientation(bytes: &[u8]) -> Option<u16> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        // A marker may be preceded by any number of fill bytes (0xFF).
        while *bytes.get(at)? == 0xFF {
            at += 1;
        }
        let marker = *bytes.get(at)?;
        at += 1;
        match marker {
            // Markers standing alone, without a length.
            0x01 | 0xD0..=0xD8 => continue,
            // The image data, or its end: EXIF comes before.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        let data = bytes.get(at + 2..at + len.max(2))?;
        if marker == 0xE1 {
            if let Some(tiff) = data.strip_prefix(b"Exif\0\0") {
                return tiff_orientation(tiff);
            }
        }
        at += len.max(2);
    }
}

/// The Orientation tag (0x0112) of a TIFF structure's first directory (EXIF's IFD0).
fn tiff_orientation(tiff: &[u8]) -> Option<u16> {
    let big_endian = match tiff.get(..4)? {
        b"MM\0*" => true,
        b"II*\0" => false,
        _ => return None,
    };
    let u16_at = |i: usize| {
        let b: [u8; 2] = tiff.get(i..i.checked_add(2)?)?.try_into().ok()?;
        Some(if big_endian { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    };
    let u32_at = |i: usize| {
        let b: [u8; 4] = tiff.get(i..i + 4)?.try_into().ok()?;
        Some(if big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    };
    let directory = usize::try_from(u32_at(4)?).ok()?;
    let entries = usize::from(u16_at(directory)?);
    (0..entries).find_map(|n| {
        let entry = directory.checked_add(2 + n * 12)?;
        // One SHORT (type 3), kept in the entry's own value field.
        let orientation = (u16_at(entry)? == 0x0112 && u16_at(entry + 2)? == 3).then(|| u16_at(entry + 8))??;
        (1..=8).contains(&orientation).then_some(orientation)
    })
}

/// An SVG's size from its root element: `width` and `height` when both are in pixels
/// (`96` or `96px`), else the last two numbers of `viewBox`, rounded; else why not.
fn svg_size(text: &str) -> Result<(u32, u32), String> {
    let tag = text.find("<svg").and_then(|start| Some(&text[start..start + text[start..].find('>')?]));
    let Some(tag) = tag else { return Err("it has no <svg> element".into()) };
    let attr = |name: &str| {
        let at = tag.match_indices(name).find(|&(i, _)| tag[..i].ends_with(char::is_whitespace))?.0 + name.len();
        let rest = tag[at..].trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let rest = &rest[1..];
        Some(&rest[..rest.find(quote)?])
    };
    let pixels = |v: &str| -> Option<u32> {
        let n: f64 = v.trim().strip_suffix("px").unwrap_or(v.trim()).parse().ok()?;
        (n.is_finite() && n >= 0.5 && n <= f64::from(u32::MAX)).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr("width").and_then(pixels), attr("height").and_then(pixels)) {
        return Ok((w, h));
    }
    let Some(view_box) = attr("viewBox") else {
        return Err("its <svg> has neither a size in pixels nor a viewBox".into());
    };
    let view: Vec<&str> = view_box.split([' ', ',', '\t', '\n']).filter(|s| !s.is_empty()).collect();
    match view.as_slice() {
        [_, _, w, h] => pixels(w).zip(pixels(h)).ok_or_else(|| {
            format!(
                "its <svg> has no size in pixels, and its viewBox {view_box:?} gives no width and height of 1 or more"
            )
        }),
        _ => Err(format!("its <svg> has no size in pixels, and its viewBox {view_box:?} is not four numbers")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_from_raster_headers_and_svg_roots() {
        let dir = tempfile::tempdir().unwrap();
        // A PNG's signature and IHDR chunk: 640 × 360.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(360u32.to_be_bytes());
        png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        let file = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        assert_eq!(read_size(&file("a.png", &png)), Ok((640, 360)));
        // A GIF's logical screen: 2 × 3, little-endian.
        assert_eq!(read_size(&file("b.gif", b"GIF89a\x02\0\x03\0\0\0\0")), Ok((2, 3)));
        let svg = |text: &str| read_size(&file("c.SVG", text.as_bytes()));
        assert_eq!(
            svg("<?xml version='1.0'?>\n<svg width='96px' height=\"48\" viewBox='0 0 1 1'><rect width='5'/></svg>"),
            Ok((96, 48))
        );
        assert_eq!(
            svg("<svg viewBox=\"0 0 1200.4,630\" width=\"100%\"><rect width=\"5\" height=\"5\"/></svg>"),
            Ok((1200, 630))
        );
        assert!(svg("<svg><rect width=\"5\" height=\"5\"/></svg>")
            .unwrap_err()
            .contains("neither a size in pixels nor a viewBox"));
        let negative = svg("<svg viewBox=\"0 0 -5 10\"></svg>").unwrap_err();
        assert!(negative.contains("its viewBox \"0 0 -5 10\" gives no width and height of 1 or more"), "{negative}");
        assert!(svg("<svg viewBox=\"0 0 5\"></svg>").unwrap_err().contains("is not four numbers"));
        assert!(svg("<html></html>").unwrap_err().contains("no <svg> element"));
        assert!(read_size(&file("d.png", b"not an image")).unwrap_err().contains("no image file"));
        assert!(read_size(&dir.path().join("gone.png")).unwrap_err().contains("cannot read it"));
    }

    /// A JPEG's start: SOI, an APP0 (JFIF), an APP1 holding `exif` when given, and a
    /// baseline frame header of `width` × `height` as stored.
    fn jpeg(width: u16, height: u16, exif: Option<&[u8]>) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        bytes.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        if let Some(tiff) = exif {
            bytes.extend([0xFF, 0xE1]);
            bytes.extend(u16::try_from(2 + 6 + tiff.len()).unwrap().to_be_bytes());
            bytes.extend(b"Exif\0\0");
            bytes.extend(tiff);
        }
        bytes.extend([0xFF, 0xC0, 0, 17, 8]);
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        bytes.extend([0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]);
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    /// A TIFF structure whose first directory holds a tag before Orientation, then
    /// Orientation as `orientation` (of TIFF type `kind`), in either byte order.
    fn tiff(big_endian: bool, orientation: u16, kind: u16) -> Vec<u8> {
        let u16b = |n: u16| if big_endian { n.to_be_bytes() } else { n.to_le_bytes() };
        let u32b = |n: u32| if big_endian { n.to_be_bytes() } else { n.to_le_bytes() };
        let mut t = if big_endian { b"MM\0*".to_vec() } else { b"II*\0".to_vec() };
        t.extend(u32b(8));
        t.extend(u16b(2));
        // ImageDescription (ASCII, 4 bytes in place), then Orientation.
        t.extend(u16b(0x010E));
        t.extend(u16b(2));
        t.extend(u32b(4));
        t.extend(b"abc\0");
        t.extend(u16b(0x0112));
        t.extend(u16b(kind));
        t.extend(u32b(1));
        t.extend(u16b(orientation));
        t.extend([0, 0]);
        t.extend(u32b(0));
        t
    }

    #[test]
    fn a_jpeg_turned_by_its_exif_orientation_gives_the_size_it_is_shown_at() {
        let dir = tempfile::tempdir().unwrap();
        let size = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            read_size(&path)
        };
        assert_eq!(size("plain.jpg", &jpeg(4032, 3024, None)), Ok((4032, 3024)));
        for big_endian in [true, false] {
            for orientation in 1..=8u16 {
                let shown = if orientation >= 5 { (3024, 4032) } else { (4032, 3024) };
                let bytes = jpeg(4032, 3024, Some(&tiff(big_endian, orientation, 3)));
                assert_eq!(jpeg_orientation(&bytes), Some(orientation), "{big_endian} {orientation}");
                assert_eq!(size("phone.jpg", &bytes), Ok(shown), "{big_endian} {orientation}");
            }
        }
        // An orientation that is no SHORT, or out of range, is no orientation.
        assert_eq!(size("long.jpg", &jpeg(40, 30, Some(&tiff(true, 6, 4)))), Ok((40, 30)));
        assert_eq!(size("nine.jpg", &jpeg(40, 30, Some(&tiff(false, 9, 3)))), Ok((40, 30)));
        // Fill bytes before a marker, which the standard allows.
        let mut filled = jpeg(40, 30, Some(&tiff(true, 8, 3)));
        filled.splice(2..2, [0xFF, 0xFF]);
        assert_eq!(jpeg_orientation(&filled), Some(8));
        // A PNG with the same bytes after its header is not read for EXIF.
        assert_eq!(jpeg_orientation(b"\x89PNG\r\n\x1a\n"), None);
    }

    #[test]
    fn broken_exif_blocks_read_as_no_orientation_without_panicking() {
        let whole = jpeg(40, 30, Some(&tiff(false, 6, 3)));
        // Every truncation of a valid file, and every single byte spoiled.
        for end in 0..whole.len() {
            let _ = jpeg_orientation(&whole[..end]);
        }
        for at in 0..whole.len() {
            for value in [0x00, 0xFF, 0x80] {
                let mut bytes = whole.clone();
                bytes[at] = value;
                let _ = jpeg_orientation(&bytes);
            }
        }
        // A directory offset and an entry count pointing far past the end.
        let mut far = tiff(true, 6, 3);
        far[4..8].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(tiff_orientation(&far), None);
        let mut many = tiff(false, 6, 3);
        many[8..10].copy_from_slice(&u16::MAX.to_le_bytes());
        assert_eq!(tiff_orientation(&many), Some(6), "found before the count runs out");
        many[10..12].copy_from_slice(&0x0112u16.to_le_bytes());
        many[12..14].copy_from_slice(&7u16.to_le_bytes());
        assert_eq!(tiff_orientation(&many), Some(6), "a first Orientation of the wrong type is passed over");
    }
}
