import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider, createTheme } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './App';
import { PrintStyles } from './components/print';

const theme = createTheme({
  palette: { primary: { main: '#1f4e8c' } },
  shape: { borderRadius: 6 },
  components: { MuiButton: { defaultProps: { disableElevation: true } } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <PrintStyles />
      <App />
    </ThemeProvider>
  </StrictMode>,
);
