//! Images in articles: uploads only, each named by its content and size.
//!
//! An upload's address says everything a page needs to show it well:
//! `/media/3fa2c19be0d54e71-1600x1067.jpg` is the image whose stripped bytes
//! hash to `3fa2c19be0d54e71`, 1600 by 1067 pixels, and
//! `/media/3fa2c19be0d54e71-1600x1067-480.jpg` its copy 480 pixels wide.
//! So an article renders its `srcset`, `width` and `height` from the
//! Markdown alone, on any node, with no lookup; and since the name changes
//! with the bytes, every address can be cached for a year.

/// The widths of the smaller copies a page offers beside the original.
pub const VARIANT_WIDTHS: [u32; 3] = [480, 960, 1600];

/// The formats an upload may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
}

impl ImageFormat {
    pub fn ext(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
            ImageFormat::Webp => "image/webp",
        }
    }

    pub fn from_ext(ext: &str) -> Option<ImageFormat> {
        match ext {
            "jpg" => Some(ImageFormat::Jpeg),
            "png" => Some(ImageFormat::Png),
            "webp" => Some(ImageFormat::Webp),
            _ => None,
        }
    }
}

/// The name of an upload, or of one of its smaller copies.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MediaName {
    /// 16 lowercase hex digits of the stripped bytes' SHA-256.
    pub id: String,
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    /// The copy's width, for a smaller copy.
    pub variant: Option<u32>,
}

/// Where uploads are served.
pub const MEDIA_PREFIX: &str = "/media/";

impl MediaName {
    /// Reads a file name (`ID-WxH.ext` or `ID-WxH-VW.ext`); `None` for any
    /// other, including a copy width the site does not make.
    pub fn parse(name: &str) -> Option<MediaName> {
        let (stem, ext) = name.rsplit_once('.')?;
        let format = ImageFormat::from_ext(ext)?;
        let mut parts = stem.split('-');
        let id = parts.next()?;
        let size = parts.next()?;
        let variant = match parts.next() {
            None => None,
            Some(v) => Some(number(v)?),
        };
        if parts.next().is_some()
            || id.len() != 16
            || !id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return None;
        }
        let (w, h) = size.split_once('x')?;
        let (width, height) = (number(w)?, number(h)?);
        if width == 0 || height == 0 {
            return None;
        }
        if let Some(v) = variant {
            if !VARIANT_WIDTHS.contains(&v) || v >= width {
                return None;
            }
        }
        Some(MediaName {
            id: id.to_string(),
            width,
            height,
            format,
            variant,
        })
    }

    /// An article's reference to an upload: `/media/ID-WxH.ext`.
    pub fn from_url(url: &str) -> Option<MediaName> {
        MediaName::parse(url.strip_prefix(MEDIA_PREFIX)?).filter(|m| m.variant.is_none())
    }

    pub fn file_name(&self) -> String {
        match self.variant {
            None => format!(
                "{}-{}x{}.{}",
                self.id,
                self.width,
                self.height,
                self.format.ext()
            ),
            Some(v) => format!(
                "{}-{}x{}-{v}.{}",
                self.id,
                self.width,
                self.height,
                self.format.ext()
            ),
        }
    }

    pub fn url(&self) -> String {
        format!("{MEDIA_PREFIX}{}", self.file_name())
    }

    /// What the address of the original and of each of its copies begins
    /// with, `/media/ID-WxH`: an article text that holds it shows the upload.
    pub fn address_stem(&self) -> String {
        format!("{MEDIA_PREFIX}{}-{}x{}", self.id, self.width, self.height)
    }

    /// The original.
    pub fn original(&self) -> MediaName {
        MediaName {
            variant: None,
            ..self.clone()
        }
    }

    /// The width this file is.
    pub fn shown_width(&self) -> u32 {
        self.variant.unwrap_or(self.width)
    }

    /// The original and every smaller copy, narrowest first.
    pub fn sizes(&self) -> Vec<MediaName> {
        let mut out: Vec<MediaName> = VARIANT_WIDTHS
            .iter()
            .filter(|&&w| w < self.width)
            .map(|&w| MediaName {
                variant: Some(w),
                ..self.original()
            })
            .collect();
        out.push(self.original());
        out
    }
}

/// Which uploads the site keeps, as far as whoever checks an article
/// knows: an article that shows an upload's address the site does not keep
/// (mistyped, or copied from another site's `/media/`) is refused, as any
/// other problem of its file is. Only the store knows; a content directory
/// read alone (`askaf check` without the site's database, an export
/// without one) cannot tell, and takes every upload's address on trust.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Uploads {
    /// Not known here: no upload's address is refused for it.
    #[default]
    Unknown,
    /// The uploads kept, by file name (`ID-WxH.ext`), among them at least
    /// every one the texts being checked show: any other is not kept.
    Kept(std::collections::HashSet<String>),
}

impl Uploads {
    /// Whether the upload `name` (an original) is kept, or cannot be told.
    pub fn keeps(&self, name: &MediaName) -> bool {
        match self {
            Uploads::Unknown => true,
            Uploads::Kept(names) => names.contains(&name.original().file_name()),
        }
    }
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 5 || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_copies_are_only_the_site_s_widths() {
        let m = MediaName::parse("3fa2c19be0d54e71-1600x1067.jpg").unwrap();
        assert_eq!(
            (m.width, m.height, m.format, m.variant),
            (1600, 1067, ImageFormat::Jpeg, None)
        );
        assert_eq!(m.file_name(), "3fa2c19be0d54e71-1600x1067.jpg");
        let sizes: Vec<String> = m.sizes().iter().map(MediaName::file_name).collect();
        assert_eq!(
            sizes,
            [
                "3fa2c19be0d54e71-1600x1067-480.jpg",
                "3fa2c19be0d54e71-1600x1067-960.jpg",
                "3fa2c19be0d54e71-1600x1067.jpg"
            ]
        );
        let copy = MediaName::parse("3fa2c19be0d54e71-1600x1067-480.jpg").unwrap();
        assert_eq!(copy.variant, Some(480));
        assert_eq!(copy.original(), m);
        for bad in [
            "3fa2c19be0d54e71-1600x1067-500.jpg",
            "3fa2c19be0d54e71-1600x1067-1600.jpg",
            "3fa2c19be0d54e71-1600x1067.gif",
            "3FA2C19BE0D54E71-1600x1067.jpg",
            "3fa2c19be0d54e7-1600x1067.jpg",
            "3fa2c19be0d54e71-0x1067.jpg",
            "3fa2c19be0d54e71-01600x1067.jpg",
            "3fa2c19be0d54e71-1600x1067.jpg.png",
            "../3fa2c19be0d54e71-1600x1067.jpg",
        ] {
            assert_eq!(MediaName::parse(bad), None, "{bad}");
        }
        assert_eq!(
            MediaName::from_url("/media/3fa2c19be0d54e71-1600x1067-480.jpg"),
            None
        );
        assert_eq!(MediaName::from_url("https://example.org/x.jpg"), None);
        assert_eq!(MediaName::from_url(&m.url()), Some(m));
    }
}
