using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DrawSecretsFromTheKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A quarter's secret is derived from the county's draw key from now on; the secrets this column
            // held go with it (no database may hold them). A quarter committed before has no key id: its
            // draws answer that its key is not held, and its secret is not shown.
            migrationBuilder.DropColumn(
                name: "secret",
                table: "draw_commitments");

            migrationBuilder.AddColumn<string>(
                name: "key_id",
                table: "draw_commitments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "key_id",
                table: "draw_commitments");

            migrationBuilder.AddColumn<string>(
                name: "secret",
                table: "draw_commitments",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }
    }
}
