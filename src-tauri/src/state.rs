//! What the app holds while it runs: the open database (or why it could not be opened) and the
//! acting user.

use crate::error::{CmdResult, CommandError};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use strikecover_core::store::Db;
use strikecover_core::usecases::Ctx;

pub struct AppState {
    db: Result<Arc<Mutex<Db>>, CommandError>,
    pub db_path: PathBuf,
    pub user: String,
    /// The PDF renderer, made on first use (it parses the embedded fonts once).
    renderer: Arc<OnceLock<strikecover_docs::Renderer>>,
}

impl AppState {
    pub fn open(db_path: PathBuf, user: String) -> AppState {
        let db = Db::open(&db_path)
            .map(|db| Arc::new(Mutex::new(db)))
            .map_err(CommandError::from);
        if let Err(e) = &db {
            log::error!(
                "cannot open the database {}: {}",
                db_path.display(),
                e.message
            );
        }
        AppState {
            db,
            db_path,
            user,
            renderer: Arc::new(OnceLock::new()),
        }
    }

    /// The PDF renderer (made on first use, then shared).
    pub fn renderer(&self) -> RendererHandle {
        RendererHandle(self.renderer.clone())
    }

    /// Runs `f` with the database on a blocking thread (never on the async runtime, never
    /// holding the lock across an await).
    pub async fn with_db<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db, Ctx) -> strikecover_core::Result<T> + Send + 'static,
    {
        let db = self.db.clone()?;
        let ctx = Ctx::new(self.user.clone(), chrono::Utc::now());
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = db.lock().map_err(|_| {
                CommandError::new(
                    "internal",
                    "the database lock was poisoned by an earlier failure; restart the app",
                )
            })?;
            f(&mut guard, ctx).map_err(CommandError::from)
        })
        .await
        .map_err(|e| CommandError::new("internal", format!("background task failed: {e}")))?
    }
}

/// A cheap handle on the shared PDF renderer, for use inside a blocking task.
pub struct RendererHandle(Arc<OnceLock<strikecover_docs::Renderer>>);

impl RendererHandle {
    pub fn pdf(
        &self,
        doc: &strikecover_core::requests::RequestDocument,
    ) -> Result<Vec<u8>, strikecover_docs::DocsError> {
        self.0.get_or_init(strikecover_docs::Renderer::new).pdf(doc)
    }

    /// The impact report PDF, by the same lazily built renderer.
    pub fn impact_pdf(
        &self,
        doc: &strikecover_core::impact::ImpactDocument,
    ) -> Result<Vec<u8>, strikecover_docs::DocsError> {
        self.0
            .get_or_init(strikecover_docs::Renderer::new)
            .impact_pdf(doc)
    }
}
