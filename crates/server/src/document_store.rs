//! Where uploaded files live: a folder inside the data folder, never inside the served SPA folder, each file
//! under a random name. A file is written to a temporary name and renamed only when it is complete and
//! accepted, so a half-received or refused upload leaves nothing behind.

use std::path::{Path, PathBuf};

use tokio::io::AsyncWriteExt;

#[derive(Debug, Clone)]
pub struct DocumentStore {
    root: PathBuf,
}

impl DocumentStore {
    pub fn new(data_dir: &Path) -> DocumentStore {
        DocumentStore {
            root: data_dir.join("documents"),
        }
    }

    fn path(&self, stored_name: &str) -> Option<PathBuf> {
        // Stored names are UUIDs this server made; anything else never reaches the file system.
        let id = uuid::Uuid::parse_str(stored_name).ok()?;
        let text = id.simple().to_string();
        Some(self.root.join(&text[..2]).join(text))
    }

    pub async fn begin(&self) -> std::io::Result<Upload> {
        let stored_name = uuid::Uuid::new_v4().to_string();
        let temporary = self
            .root
            .join("incoming")
            .join(format!("{stored_name}.part"));
        tokio::fs::create_dir_all(temporary.parent().unwrap_or(&self.root)).await?;
        let file = tokio::fs::File::create(&temporary).await?;
        Ok(Upload {
            stored_name,
            temporary,
            file,
            store: self.clone(),
        })
    }

    pub async fn read(&self, stored_name: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path(stored_name)
            .ok_or_else(|| std::io::Error::other("not a stored name"))?;
        tokio::fs::read(path).await
    }

    pub async fn remove(&self, stored_name: &str) -> std::io::Result<()> {
        match self.path(stored_name) {
            Some(path) => match tokio::fs::remove_file(path).await {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }
}

/// A file being received.
pub struct Upload {
    pub stored_name: String,
    temporary: PathBuf,
    file: tokio::fs::File,
    store: DocumentStore,
}

impl Upload {
    pub async fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.file.write_all(bytes).await
    }

    /// Keeps the file: flushed to disk, then moved to its final name.
    pub async fn finish(mut self) -> std::io::Result<String> {
        self.file.flush().await?;
        self.file.sync_all().await?;
        let target = self
            .store
            .path(&self.stored_name)
            .ok_or_else(|| std::io::Error::other("bad stored name"))?;
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        tokio::fs::rename(&self.temporary, &target).await?;
        Ok(self.stored_name)
    }

    /// Throws the partial file away.
    pub async fn abandon(self) {
        drop(self.file);
        let _ = tokio::fs::remove_file(&self.temporary).await;
    }
}
