//! Thermal printing from the till over WebUSB. A printer is paired once per tablet (the
//! browser remembers the permission; we remember which one), then every print goes
//! straight to its bulk OUT endpoint without a dialog. Without WebUSB, or when the printer
//! does not answer, the caller falls back to the browser's print dialog with the same
//! receipt text.
use serde::{Deserialize, Serialize};

const SETTINGS_KEY: &str = "satu.printer";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrinterSettings {
    /// Paper width in millimetres: 58 (32 columns) or 80 (48 columns).
    pub paper_mm: u8,
    /// Print the receipt as soon as a sale is paid.
    pub auto_print: bool,
    /// Kick the cash drawer when a cash sale's receipt prints.
    pub open_drawer: bool,
    /// The paired printer: (vendor id, product id, name).
    #[serde(default)]
    pub paired: Option<(u16, u16, String)>,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            paper_mm: 58,
            auto_print: false,
            open_drawer: true,
            paired: None,
        }
    }
}

impl PrinterSettings {
    pub fn columns(&self) -> usize {
        if self.paper_mm >= 80 {
            48
        } else {
            32
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum PrintError {
    /// This browser has no WebUSB (Firefox, Safari, or not a secure page).
    NoWebUsb,
    /// No printer paired on this tablet yet.
    NotPaired,
    /// Paired, but it did not take the job (unplugged, off, out of paper, busy).
    Offline(String),
}

impl PrintError {
    /// The i18n key of the message the cashier sees.
    pub fn key(&self) -> &'static str {
        match self {
            PrintError::NoWebUsb => "printer_no_webusb",
            PrintError::NotPaired => "printer_not_paired",
            PrintError::Offline(_) => "printer_offline",
        }
    }
}

pub fn load_settings() -> PrinterSettings {
    imp::storage_get(SETTINGS_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn save_settings(s: &PrinterSettings) {
    if let Ok(json) = serde_json::to_string(s) {
        imp::storage_set(SETTINGS_KEY, &json);
    }
}

/// Asks the cashier to pick the printer (the browser's own chooser) and remembers it.
pub async fn pair() -> Result<String, PrintError> {
    let (vendor, product, name) = imp::request_device().await?;
    let mut s = load_settings();
    s.paired = Some((vendor, product, name.clone()));
    save_settings(&s);
    Ok(name)
}

/// Sends an ESC/POS job to the paired printer.
pub async fn print(bytes: &[u8]) -> Result<(), PrintError> {
    if !imp::available() {
        return Err(PrintError::NoWebUsb);
    }
    let paired = load_settings().paired.ok_or(PrintError::NotPaired)?;
    imp::send(paired.0, paired.1, bytes).await
}

/// Opens the browser's print dialog (the page's print stylesheet shows only the receipt).
pub fn browser_print() {
    imp::window_print();
}

#[cfg(feature = "hydrate")]
mod imp {
    use super::PrintError;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{UsbDevice, UsbDeviceRequestOptions, UsbDirection, UsbEndpointType};

    fn err(e: JsValue) -> PrintError {
        let text = e
            .dyn_ref::<js_sys::Error>()
            .map(|x| String::from(x.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "USB".into());
        PrintError::Offline(text)
    }

    pub fn storage_get(key: &str) -> Option<String> {
        web_sys::window()?
            .local_storage()
            .ok()??
            .get_item(key)
            .ok()?
    }

    pub fn storage_set(key: &str, value: &str) {
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item(key, value);
        }
    }

    pub fn window_print() {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    }

    pub fn available() -> bool {
        usb().is_ok()
    }

    fn usb() -> Result<web_sys::Usb, PrintError> {
        let navigator = web_sys::window().ok_or(PrintError::NoWebUsb)?.navigator();
        let has = js_sys::Reflect::get(&navigator, &JsValue::from_str("usb"))
            .map(|v| !v.is_undefined() && !v.is_null())
            .unwrap_or(false);
        if !has {
            return Err(PrintError::NoWebUsb);
        }
        Ok(navigator.usb())
    }

    pub async fn request_device() -> Result<(u16, u16, String), PrintError> {
        let usb = usb()?;
        // No filter: thermal printers come from many vendors; the cashier picks hers.
        let options = UsbDeviceRequestOptions::new(&[]);
        let device: UsbDevice = usb.request_device(&options).await.map_err(err)?;
        let name = device.product_name().unwrap_or_else(|| {
            format!("USB {:04x}:{:04x}", device.vendor_id(), device.product_id())
        });
        Ok((device.vendor_id(), device.product_id(), name))
    }

    /// The paired printer among the devices this site may use.
    async fn find(vendor: u16, product: u16) -> Result<UsbDevice, PrintError> {
        let usb = usb()?;
        let devices = usb.get_devices().await.map_err(err)?;
        for i in 0..devices.length() {
            let d: UsbDevice = devices.get(i).unchecked_into();
            if d.vendor_id() == vendor && d.product_id() == product {
                return Ok(d);
            }
        }
        Err(PrintError::Offline("not connected".into()))
    }

    /// The first interface with a bulk OUT endpoint: (interface number, endpoint number).
    fn bulk_out(device: &UsbDevice) -> Option<(u8, u8)> {
        let config = device.configuration()?;
        let interfaces = config.interfaces();
        for i in 0..interfaces.length() {
            let interface: web_sys::UsbInterface = interfaces.get(i).unchecked_into();
            let alternate = interface.alternate();
            let endpoints = alternate.endpoints();
            for e in 0..endpoints.length() {
                let ep: web_sys::UsbEndpoint = endpoints.get(e).unchecked_into();
                if ep.direction() == UsbDirection::Out && ep.type_() == UsbEndpointType::Bulk {
                    return Some((interface.interface_number(), ep.endpoint_number()));
                }
            }
        }
        None
    }

    pub async fn send(vendor: u16, product: u16, bytes: &[u8]) -> Result<(), PrintError> {
        let device = find(vendor, product).await?;
        if !device.opened() {
            device.open().await.map_err(err)?;
        }
        if device.configuration().is_none() {
            device.select_configuration(1).await.map_err(err)?;
        }
        let (interface, endpoint) =
            bulk_out(&device).ok_or_else(|| PrintError::Offline("no bulk OUT endpoint".into()))?;
        // Claiming twice fails on some platforms; an interface we already hold is fine.
        let _ = device.claim_interface(interface).await;
        // Small chunks: some printers' buffers overflow on one large transfer.
        for chunk in bytes.chunks(4096) {
            let result = device
                .transfer_out_with_u8_slice(endpoint, chunk)
                .map_err(err)?
                .await
                .map_err(err)?;
            if result.status() != web_sys::UsbTransferStatus::Ok {
                return Err(PrintError::Offline(format!("{:?}", result.status())));
            }
        }
        Ok(())
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    use super::PrintError;
    pub fn storage_get(_key: &str) -> Option<String> {
        None
    }
    pub fn storage_set(_key: &str, _value: &str) {}
    pub fn window_print() {}
    pub fn available() -> bool {
        false
    }
    pub async fn request_device() -> Result<(u16, u16, String), PrintError> {
        Err(PrintError::NoWebUsb)
    }
    pub async fn send(_v: u16, _p: u16, _bytes: &[u8]) -> Result<(), PrintError> {
        Err(PrintError::NoWebUsb)
    }
}
