// Script custom actions of the netgateway MSI (JScript, run by Windows
// Installer). wixl, which builds and checks the MSI on Linux, has no dialog
// tables and cannot build a custom-action DLL, so these two small steps are
// scripts. Return values: 1 success, 2 cancelled by the user, 3 failure.

// Immediate, in the UI sequence only (so never with /qn or /qb, where
// KEEPDATA alone decides): asks whether to keep the data on uninstall.
// Yes keeps it (KEEPDATA=1), No deletes it (KEEPDATA=0), Cancel stops the
// uninstall. The message goes through Windows Installer (Session.Message), so
// it follows the installation's UI level and language settings.
function AskKeepData() {
    var record = Session.Installer.CreateRecord(0);
    record.StringData(0) = "Keep the netgateway data on this computer?\n\n" +
        "Yes keeps the database, settings, device history and logs in [CommonAppDataFolder]netgateway " +
        "for a later installation. No deletes them.";
    // msiMessageTypeUser + MB_YESNOCANCEL + MB_ICONQUESTION; the default
    // button follows KEEPDATA (MB_DEFBUTTON2 selects No).
    var type = 0x03000000 | 0x00000003 | 0x00000020;
    if (Session.Property("KEEPDATA") == "0") {
        type |= 0x00000100;
    }
    var answer = Session.Message(type, record);
    if (answer == 2) { // IDCANCEL
        return 2;
    }
    if (answer == 7) { // IDNO
        Session.Property("KEEPDATA") = "0";
    } else if (answer == 6) { // IDYES
        Session.Property("KEEPDATA") = "1";
    }
    return 1;
}

// Deferred, as LocalSystem, after the data directory was created and closed
// to all but SYSTEM, Administrators and the service account (the file inherits
// that ACL). CustomActionData is "<file path>|<access code>"; the service
// moves the code into its vault at its first start and deletes the file. The
// action's target is hidden (msidbCustomActionTypeHideTarget) and ACCESSCODE
// is in MsiHiddenProperties, so the code never reaches the installer's log.
function WriteAccessCode() {
    var data = Session.Property("CustomActionData");
    var bar = data.indexOf("|");
    if (bar <= 0) {
        return 3;
    }
    var path = data.substring(0, bar);
    var code = data.substring(bar + 1);
    if (code.length == 0) {
        return 1;
    }
    if (code.length > 256) {
        var record = Session.Installer.CreateRecord(0);
        record.StringData(0) = "ACCESSCODE is longer than 256 characters; register the gateway from its console instead.";
        Session.Message(0x01000000, record); // msiMessageTypeError
        return 3;
    }
    var fso = new ActiveXObject("Scripting.FileSystemObject");
    var file = fso.CreateTextFile(path, true, false);
    file.Write(code);
    file.Close();
    return 1;
}
