//! Uploaded images: checked for what they really are, stripped of their
//! metadata, and resized into the copies a page's `srcset` offers.
//!
//! An upload is decoded in full, whatever its name or the browser said it
//! was: a file that does not decode as JPEG, PNG or WebP is refused, and so
//! is one larger than the limits below. What is kept is the decoded image
//! encoded again, turned upright by its EXIF orientation first: no EXIF
//! (a camera's serial number, a phone's GPS position), no XMP, no comments
//! survive, which matters for journalists' sources. The name it is kept
//! under comes from those bytes ([`askaf_content::media::MediaName`]).
//! No I/O here: the store keeps the bytes, the web server serves them.

use std::io::Cursor;

use askaf_content::media::{ImageFormat, MediaName};
use image::{DynamicImage, ImageDecoder, ImageReader};
use sha2::{Digest, Sha256};

/// The largest upload taken: a full-size photo from a phone fits.
pub const MAX_BYTES: usize = 15 * 1024 * 1024;
/// The most pixels decoded: 40 megapixels. A few hundred bytes can claim
/// a huge image, and decoding one would take gigabytes.
pub const MAX_PIXELS: u64 = 40_000_000;
/// JPEG quality of what is kept and of the copies: indistinguishable from
/// the camera's at a glance, a third of its size.
const JPEG_QUALITY: u8 = 85;

/// Why an upload was refused, in words for the editor who sent it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MediaError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, over the limit of {max} bytes (15 MB)", max = MAX_BYTES)]
    TooLarge { size: usize },
    #[error("the file is not a JPEG, PNG or WebP image (whatever its name says)")]
    NotAnImage,
    #[error("the image is {width} × {height} pixels, over the limit of 40 megapixels")]
    TooManyPixels { width: u32, height: u32 },
    #[error("the image cannot be read: {0}")]
    Corrupt(String),
    #[error("the image could not be encoded again: {0}")]
    Encode(String),
}

/// An upload as it is kept.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub name: MediaName,
    /// Re-encoded, without metadata.
    pub bytes: Vec<u8>,
}

/// The format the bytes are, by their first bytes (never by a file name).
fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::Webp)
    } else {
        None
    }
}

fn image_format(f: ImageFormat) -> image::ImageFormat {
    match f {
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Webp => image::ImageFormat::WebP,
    }
}

/// Decodes `bytes` as `format`, upright, within the pixel limit.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, MediaError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format(format));
    let mut limits = image::Limits::default();
    // Room for the decoded pixels (4 bytes each) and the decoder's own.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| MediaError::Corrupt(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(MediaError::TooManyPixels { width, height });
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|e| MediaError::Corrupt(e.to_string()))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Encodes `image` as `format`. WebP is written lossless (the only WebP
/// encoder in pure Rust); photographs come as JPEG.
fn encode(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, MediaError> {
    let mut out = Cursor::new(Vec::new());
    let result = match format {
        ImageFormat::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&rgb)
        }
        ImageFormat::Png => image.write_to(&mut out, image::ImageFormat::Png),
        ImageFormat::Webp => {
            let rgba = DynamicImage::ImageRgba8(image.to_rgba8());
            rgba.write_to(&mut out, image::ImageFormat::WebP)
        }
    };
    result.map_err(|e| MediaError::Encode(e.to_string()))?;
    Ok(out.into_inner())
}

/// Checks an upload and makes what is kept of it.
pub fn accept(bytes: &[u8]) -> Result<Accepted, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(MediaError::TooLarge { size: bytes.len() });
    }
    let format = sniff(bytes).ok_or(MediaError::NotAnImage)?;
    let image = decode(bytes, format)?;
    let kept = encode(&image, format)?;
    let digest = Sha256::digest(&kept);
    let id = hex::encode(&digest[..8]);
    Ok(Accepted {
        name: MediaName {
            id,
            width: image.width(),
            height: image.height(),
            format,
            variant: None,
        },
        bytes: kept,
    })
}

/// A smaller copy of a kept upload, `width` pixels wide, in its format.
pub fn resized(kept: &[u8], name: &MediaName, width: u32) -> Result<Vec<u8>, MediaError> {
    let image = decode(kept, name.format)?;
    let height = ((u64::from(image.height()) * u64::from(width)) / u64::from(image.width().max(1)))
        .max(1) as u32;
    let small = image.resize_exact(width, height, image::imageops::FilterType::Triangle);
    encode(&small, name.format)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(w: u32, h: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 5) as u8, 120])
        }))
    }

    fn encoded(image: &DynamicImage, format: image::ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    /// A JPEG with an EXIF segment (a GPS-like marker string) after its start.
    fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
        let plain = encoded(&picture(w, h), image::ImageFormat::Jpeg);
        let payload = b"Exif\0\0GPS 34.5553N 69.2075E serial CAM-1234";
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(payload);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&segment);
        out.extend_from_slice(&plain[2..]);
        out
    }

    /// A PNG with a tEXt chunk after its header chunk.
    fn png_with_text(w: u32, h: u32) -> Vec<u8> {
        let plain = encoded(&picture(w, h), image::ImageFormat::Png);
        let data = b"Comment\0taken at the source's house";
        let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(b"tEXt");
        chunk.extend_from_slice(data);
        let mut crc_input = b"tEXt".to_vec();
        crc_input.extend_from_slice(data);
        chunk.extend_from_slice(&crc32(&crc_input).to_be_bytes());
        // Signature (8) + IHDR (4 + 4 + 13 + 4).
        let mut out = plain[..33].to_vec();
        out.extend_from_slice(&chunk);
        out.extend_from_slice(&plain[33..]);
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn metadata_is_stripped_and_the_name_says_format_and_size() {
        let jpeg = jpeg_with_exif(640, 400);
        assert!(contains(&jpeg, b"GPS 34.5553N"));
        let kept = accept(&jpeg).unwrap();
        assert!(!contains(&kept.bytes, b"GPS 34.5553N") && !contains(&kept.bytes, b"Exif"));
        assert_eq!(
            (kept.name.width, kept.name.height, kept.name.format),
            (640, 400, ImageFormat::Jpeg)
        );
        assert_eq!(sniff(&kept.bytes), Some(ImageFormat::Jpeg));

        let png = png_with_text(300, 200);
        assert!(
            image::load_from_memory(&png).is_ok(),
            "the fixture is a valid PNG"
        );
        let kept = accept(&png).unwrap();
        assert!(!contains(&kept.bytes, b"tEXt") && !contains(&kept.bytes, b"source's house"));
        assert_eq!(kept.name.format, ImageFormat::Png);

        let webp = encoded(&picture(50, 30), image::ImageFormat::WebP);
        let kept = accept(&webp).unwrap();
        assert_eq!((kept.name.width, kept.name.format), (50, ImageFormat::Webp));
        // The same picture is the same name.
        assert_eq!(accept(&webp).unwrap().name, kept.name);
    }

    #[test]
    fn what_is_not_a_real_image_within_the_limits_is_refused_with_a_reason() {
        assert_eq!(accept(b"").unwrap_err(), MediaError::Empty);
        assert_eq!(
            accept(b"<?php system($_GET['c']); ?>").unwrap_err(),
            MediaError::NotAnImage
        );
        // A PNG without its signature is not taken for one.
        let headless = encoded(&picture(4, 4), image::ImageFormat::Png).split_off(8);
        assert_eq!(accept(&headless).unwrap_err(), MediaError::NotAnImage);
        // Cut short (a JPEG decoder fills in the rest, as browsers do; PNG's does not).
        let png = encoded(&picture(64, 64), image::ImageFormat::Png);
        assert!(matches!(
            accept(&png[..png.len() / 2]),
            Err(MediaError::Corrupt(_))
        ));
        assert!(matches!(
            accept(&vec![0xFF; MAX_BYTES + 1]),
            Err(MediaError::TooLarge { .. })
        ));
        // A PNG header claiming 100,000 × 100,000 pixels, and nothing else.
        let mut bomb = encoded(&picture(1, 1), image::ImageFormat::Png);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            accept(&bomb).unwrap_err(),
            MediaError::TooManyPixels {
                width: 100_000,
                height: 100_000
            }
        );
    }

    #[test]
    fn copies_keep_the_proportions_and_the_format() {
        let kept = accept(&encoded(&picture(1200, 800), image::ImageFormat::Jpeg)).unwrap();
        let small = resized(&kept.bytes, &kept.name, 480).unwrap();
        let decoded = image::load_from_memory(&small).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (480, 320));
        assert_eq!(sniff(&small), Some(ImageFormat::Jpeg));
    }
}
