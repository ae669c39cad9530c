; Inno Setup script: a per-user installer for the Kenes application folder (no admin rights,
; no network). Build dist\kenes first (see README.md here), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\kenes.iss
; The installer is written to dist\kenes-<version>-windows-setup.exe.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root ".." + "\" + ".."

[Setup]
AppId={{6A1C2E4B-6B0E-4C55-9D7B-4B3E1F0C8A21}
AppName=Kenes
AppVersion={#AppVersion}
AppPublisher=Kenes
DefaultDirName={localappdata}\Programs\Kenes
DefaultGroupName=Kenes
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#Root}\dist
OutputBaseFilename=kenes-{#AppVersion}-windows-setup
SetupIconFile={#Root}\packaging\windows\kenes.ico
UninstallDisplayIcon={app}\kenesw.exe
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\kenes\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Kenes"; Filename: "{app}\kenesw.exe"
Name: "{autodesktop}\Kenes"; Filename: "{app}\kenesw.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kenesw.exe"; Description: "{cm:LaunchProgram,Kenes}"; Flags: nowait postinstall skipifsilent
