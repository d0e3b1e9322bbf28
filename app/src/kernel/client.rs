//! Calls to the server's `/api/v1`. They run only in the browser (from effects and event
//! handlers); during server rendering nothing is fetched.
use domain::api::ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A failed call: the HTTP status (0 when the network or the device failed) and the
/// server's error body (`domain::api::ErrorDetail`), whose `code` and `params` the pages
/// translate and whose Indonesian `message` is the fallback.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub params: Option<serde_json::Value>,
}

impl ApiError {
    pub fn network() -> Self {
        Self::local("network_error", String::new())
    }

    /// A failure on this device (storage, printer), in the same shape.
    pub fn local(code: &str, message: String) -> Self {
        ApiError {
            status: 0,
            code: code.into(),
            message,
            params: None,
        }
    }

    /// The server's answer with this status, read as the API's error body.
    fn answer(status: u16, body: Result<ErrorBody, serde_json::Error>) -> Self {
        match body {
            Ok(ErrorBody { error }) => ApiError {
                status,
                code: error.code,
                message: error.message,
                params: error.params,
            },
            Err(_) => ApiError {
                status,
                ..Self::network()
            },
        }
    }
}

/// A value made safe for a query string (RFC 3986 unreserved characters kept).
pub fn encode_query(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Clone, Copy, Debug)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// Reads a cookie visible to scripts (the CSRF token is one).
#[cfg(feature = "hydrate")]
pub fn cookie(name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let doc = web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?;
    let all = doc.cookie().ok()?;
    all.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

#[cfg(not(feature = "hydrate"))]
pub fn cookie(_name: &str) -> Option<String> {
    None
}

#[cfg(feature = "hydrate")]
pub fn set_cookie(value: &str) {
    use wasm_bindgen::JsCast;
    if let Some(doc) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let _ = doc.set_cookie(value);
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn set_cookie(_value: &str) {}

#[cfg(feature = "hydrate")]
async fn send(method: Method, url: &str, body: Option<String>) -> Result<(u16, String), ApiError> {
    use gloo_net::http::Request;
    let builder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Patch => Request::patch(url),
        Method::Delete => Request::delete(url),
    };
    let mut builder = builder.header("Accept", "application/json");
    if !matches!(method, Method::Get) {
        if let Some(csrf) = cookie("satu_csrf") {
            builder = builder.header("X-CSRF-Token", &csrf);
        }
    }
    let request = match body {
        Some(b) => builder.header("Content-Type", "application/json").body(b),
        None => builder.build(),
    }
    .map_err(|_| ApiError::network())?;
    let response = request.send().await.map_err(|_| ApiError::network())?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::network())?;
    Ok((status, text))
}

#[cfg(not(feature = "hydrate"))]
async fn send(
    _method: Method,
    _url: &str,
    _body: Option<String>,
) -> Result<(u16, String), ApiError> {
    Err(ApiError::network())
}

pub async fn call<T: DeserializeOwned>(
    method: Method,
    url: &str,
    body: Option<&impl Serialize>,
) -> Result<T, ApiError> {
    let body = body.map(|b| serde_json::to_string(b).unwrap_or_default());
    let (status, text) = send(method, url, body).await?;
    if (200..300).contains(&status) {
        let text = if text.is_empty() { "null" } else { &text };
        serde_json::from_str(text).map_err(|_| ApiError::network())
    } else {
        let err = ApiError::answer(status, serde_json::from_str::<ErrorBody>(&text));
        Err(err)
    }
}

pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    call::<T>(Method::Get, url, None::<&()>).await
}

/// A text answer (a CSV report), or the API's error.
pub async fn get_text(url: &str) -> Result<String, ApiError> {
    let (status, text) = send(Method::Get, url, None).await?;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        let err = ApiError::answer(status, serde_json::from_str::<ErrorBody>(&text));
        Err(err)
    }
}

pub async fn post<T: DeserializeOwned>(url: &str, body: &impl Serialize) -> Result<T, ApiError> {
    call(Method::Post, url, Some(body)).await
}

/// Sends a file picked by the user as the raw request body (CSV or XLSX import).
#[cfg(feature = "hydrate")]
pub async fn upload(url: &str, file: web_sys::File) -> Result<serde_json::Value, ApiError> {
    use gloo_net::http::Request;
    let mut builder = Request::post(url).header("Accept", "application/json");
    if let Some(csrf) = cookie("satu_csrf") {
        builder = builder.header("X-CSRF-Token", &csrf);
    }
    let kind = file.type_();
    if !kind.is_empty() {
        builder = builder.header("Content-Type", &kind);
    }
    let request = builder.body(file).map_err(|_| ApiError::network())?;
    let response = request.send().await.map_err(|_| ApiError::network())?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ApiError::network())?;
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    if (200..300).contains(&status) {
        Ok(json)
    } else {
        let mut err = ApiError::answer(status, serde_json::from_value::<ErrorBody>(json.clone()));
        // An import's row-level report rides along in the message for the page to show.
        if let Ok(failure) = serde_json::from_value::<domain::api::inventory::ImportFailure>(json) {
            let lines: Vec<String> = failure
                .rows
                .iter()
                .take(20)
                .map(|r| format!("baris {} · {}: {}", r.row, r.field, r.message))
                .collect();
            err.message = format!("{}\n{}", err.message, lines.join("\n"));
        }
        Err(err)
    }
}

/// For endpoints that answer 204.
pub async fn send_unit(
    method: Method,
    url: &str,
    body: Option<&impl Serialize>,
) -> Result<(), ApiError> {
    call::<serde_json::Value>(method, url, body)
        .await
        .map(|_| ())
}
