use clap::Parser;
use njia_server::config::{Cli, Command};
use njia_server::{app, catalog, db::Db, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.config.log_json);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => app::serve(cli.config).await,
        Command::Migrate => {
            let db = Db::connect(&cli.config.database_url()).await?;
            db.migrate().await?;
            tracing::info!(database = db.backend.name(), "migrated");
            Ok(())
        }
        Command::Seed => {
            let db = app::prepare(&cli.config).await?;
            let added = njia_server::demo::load(&db, njia_server::db::now_ms()).await?;
            let catalog = catalog::load()?;
            println!(
                "Demo data: {} agencies and {} services from the catalog (catalog version {}).",
                catalog.agencies.len(),
                catalog.services.len(),
                catalog.version
            );
            println!(
                "{added} demo accounts added.\n{}",
                njia_server::demo::describe()
            );
            Ok(())
        }
        Command::CreateStaff(args) => {
            let db = app::prepare(&cli.config).await?;
            let id = njia_server::staff::create(&db, &args).await?;
            println!("Created {} account {id}.", args.role);
            Ok(())
        }
    }
}
