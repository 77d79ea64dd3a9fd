//! Sending a file with progress, and what the browser can tell about a file before it is sent: its first
//! bytes (for the type check) and, for a photo that is too large, a smaller copy made on the phone.
//! `fetch` reports no upload progress, so uploads go through `XMLHttpRequest`.

use js_sys::{Promise, Uint8Array};
use njia_domain::api::CSRF_HEADER;
use njia_domain::api::ErrorEnvelope;
use njia_domain::api::applications::FILE_NAME_HEADER;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, XmlHttpRequest};

use super::ApiError;

/// A running upload; dropping it does not stop it, [`Upload::abort`] does.
#[derive(Clone)]
pub struct Upload {
    xhr: XmlHttpRequest,
}

impl Upload {
    pub fn abort(&self) {
        let _ = self.xhr.abort();
    }
}

/// Starts a `PUT` of `body` to `path`. `on_progress` hears whole percentages as the bytes leave the phone.
/// The returned future ends when the server has answered (or the connection failed or was aborted).
pub fn put_file<T, P>(
    path: &str,
    file_name: &str,
    body: &Blob,
    on_progress: P,
) -> Result<
    (
        Upload,
        impl Future<Output = Result<T, ApiError>> + use<T, P>,
    ),
    ApiError,
>
where
    T: DeserializeOwned + 'static,
    P: Fn(u8) + 'static,
{
    let xhr = XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open("PUT", path).map_err(|_| ApiError::Network)?;
    let encoded: String = js_sys::encode_uri_component(file_name).into();
    for (name, value) in [
        ("Accept", "application/json"),
        ("Content-Type", "application/octet-stream"),
        (CSRF_HEADER, "1"),
        (FILE_NAME_HEADER, encoded.as_str()),
    ] {
        xhr.set_request_header(name, value)
            .map_err(|_| ApiError::Network)?;
    }
    if let Some(organisation) = crate::acting::header_value() {
        xhr.set_request_header(crate::acting::HEADER, &organisation)
            .map_err(|_| ApiError::Network)?;
    }
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                // Between 0 and 100 by construction, so the cast keeps the value.
                on_progress((event.loaded() / event.total() * 100.0).clamp(0.0, 100.0) as u8);
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let finished = Promise::new(&mut |resolve, _reject| {
        // `loadend` follows success, failure and abort alike, exactly once.
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        xhr.set_onloadend(Some(done.unchecked_ref()));
    });
    xhr.send_with_opt_blob(Some(body))
        .map_err(|_| ApiError::Network)?;
    let handle = Upload { xhr: xhr.clone() };
    let answer = async move {
        let _ = JsFuture::from(finished).await;
        drop(progress);
        let status = xhr.status().unwrap_or(0);
        let text = xhr.response_text().ok().flatten().unwrap_or_default();
        let request_id = xhr.get_response_header("x-request-id").ok().flatten();
        if status == 0 {
            return Err(ApiError::Network);
        }
        if (200..300).contains(&status) {
            return serde_json::from_str(&text)
                .map_err(|_| ApiError::Unexpected { status, request_id });
        }
        match serde_json::from_str::<ErrorEnvelope>(&text) {
            Ok(envelope) => Err(ApiError::Api {
                status,
                body: envelope.error,
            }),
            Err(_) => Err(ApiError::Unexpected { status, request_id }),
        }
    };
    Ok((handle, answer))
}

/// The first `n` bytes of a file, which say what it really is whatever its name claims.
pub async fn head(file: &Blob, n: usize) -> Option<Vec<u8>> {
    let end = i32::try_from(n).ok()?;
    let slice = file.slice_with_i32_and_i32(0, end).ok()?;
    let buffer = JsFuture::from(slice.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// A JPEG copy of a photo that fits in `max_bytes`: scaled to at most 2000 px on its longest side, then
/// smaller and more compressed until it fits. `None` when the browser cannot read the image or it cannot be
/// made small enough without becoming useless. Re-encoding also drops the photo's metadata (its place).
pub async fn shrink_photo(photo: &Blob, max_bytes: u64) -> Option<Blob> {
    let window = web_sys::window()?;
    let bitmap: ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(photo).ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let (width, height) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let original = width.max(height);
    if original < 1.0 {
        return None;
    }
    let canvas: HtmlCanvasElement = window
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    let mut longest = original.min(2000.0);
    let mut quality = 0.85;
    let mut result = None;
    for _ in 0..8 {
        let scale = longest / original;
        // Rounded pixel counts of at most 2000: the casts keep the values.
        let (w, h) = (
            (width * scale).round().max(1.0),
            (height * scale).round().max(1.0),
        );
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context
            .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w, h)
            .ok()?;
        let blob = to_jpeg(&canvas, quality).await?;
        if blob.size() as u64 <= max_bytes {
            result = Some(blob);
            break;
        }
        quality = f64::max(quality - 0.1, 0.5);
        longest *= 0.8;
        if longest < 480.0 {
            break;
        }
    }
    bitmap.close();
    result
}

async fn to_jpeg(canvas: &HtmlCanvasElement, quality: f64) -> Option<Blob> {
    let promise = Promise::new(&mut |resolve, _reject| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            callback.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(quality),
        );
    });
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// A random UUID (version 4) for an `Idempotency-Key`, from the browser's cryptographic generator (which,
/// unlike `crypto.randomUUID`, also exists outside secure contexts).
pub fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0u8; 16] {
        // No generator at all: the time and Math.random still make a collision within one person's
        // submissions practically impossible.
        let seed = js_sys::Date::now().to_bits() ^ (js_sys::Math::random() * 1e15) as u64;
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        bytes[8..].copy_from_slice(&((js_sys::Math::random() * 1e15) as u64).to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
